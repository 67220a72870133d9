/** Example stack: a batch worker with an init container and scheduled scaling. */
package io.berth.examples.batch;
