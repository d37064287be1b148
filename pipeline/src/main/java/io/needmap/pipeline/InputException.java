package io.needmap.pipeline;

/**
 * Input that the pipeline cannot run on at all (a missing table, file or column, an
 * {@code accounts} table without rows), as opposed to bad rows, which are quarantined, and bad
 * fields, which are repaired. The message is one sentence meant for the user, naming the
 * file and column; the command line prints it without a stack trace.
 */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }
}
