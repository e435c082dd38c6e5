/** The command line: starts a server from options and scenario files, or validates scenario files. */
package dev.smtpdouble.cli;
