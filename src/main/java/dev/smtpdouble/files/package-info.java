/**
 * Words for what went wrong with a file the user named (a scenario, a certificate, a folder to
 * write into): the reason, not the exception's class or the path repeated. No other package of the
 * project is needed here, so every package that reads or writes the user's files can use it.
 */
package dev.smtpdouble.files;
