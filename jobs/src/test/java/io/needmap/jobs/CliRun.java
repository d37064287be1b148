package io.needmap.jobs;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the real command line in this JVM, in a fresh session on the JVM's shared Spark context
 * ({@link TestSpark}), and keeps what it told the user.
 */
record CliRun(int exitCode, String err) {

    static CliRun of(String... args) {
        StringWriter err = new StringWriter();
        TestSpark.freshSessionForCommand();
        try {
            int code = NeedmapCli.execute(new PrintWriter(err, true), args);
            return new CliRun(code, err.toString());
        } finally {
            TestSpark.restore();
        }
    }
}
