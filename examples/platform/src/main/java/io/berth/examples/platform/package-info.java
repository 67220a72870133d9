/** Example stack: what a platform team runs for everyone (daemon services, roles, pinned services). */
package io.berth.examples.platform;
