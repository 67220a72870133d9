/** Example stack: the small web service the quickstart deploys. */
package io.berth.examples.webapp;
