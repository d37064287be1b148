package io.needmap.jobs;

import io.needmap.pipeline.InputException;
import io.needmap.pipeline.run.Plan;
import io.needmap.pipeline.run.RunContext;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code needmap} command: the whole pipeline ({@code run}) or one stage at a time. Also the
 * main class for {@code spark-submit}.
 */
@Command(
        name = "needmap",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Turns a brand's social-media audience into need-based segments.%n"
                + "Input: a folder with accounts, follows (required), interests and posts (optional) tables "
                + "in CSV, Parquet or JSON Lines. Output: Parquet tables a BI tool reads directly.",
        subcommands = {RunCommand.class, AssignCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:unexpected failure (see the log)",
            "2:bad input, configuration or usage (the message says what to fix)"
        })
public final class NeedmapCli {
    static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return execute(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), args);
    }

    /** As {@link #execute(String...)}, with messages for the user going to {@code err}. */
    public static int execute(PrintWriter err, String... args) {
        CommandLine cli = commandLine().setErr(err).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = rootCause(e);
            if (cause instanceof InputException
                    || cause instanceof IllegalArgumentException
                    || cause instanceof AnalysisException) {
                commandLine.getErr().println("needmap: " + cause.getMessage());
                return BAD_INPUT;
            }
            commandLine.getErr().println("needmap: failed: " + cause);
            if (System.getenv("NEEDMAP_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(set NEEDMAP_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        cli.setExitCodeExceptionMapper(e -> BAD_INPUT);
        return cli.execute(args);
    }

    /**
     * The command tree: run and assign, one command per stage of the plan ({@link StageCommand}),
     * then the tools.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new NeedmapCli());
        Plan.fit(null, RunOptions.withSettings(Map.of()), RunContext.none())
                .stages()
                .forEach(stage -> cli.addSubcommand(stage.name(), StageCommand.of(stage)));
        List.of(
                        new GenerateCommand(),
                        new EvaluateCommand(),
                        new BaselineCommand(),
                        new CompareCommand(),
                        new CommandLine.HelpCommand())
                .forEach(cli::addSubcommand);
        return cli;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (!(cause instanceof InputException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause instanceof InputException ? cause : e;
    }
}
