package io.needmap.jobs;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Every {@code needmap} subcommand: {@code -h/--help} and {@code -V/--version} come from here, once
 * (picocli reads a superclass's {@code @Command}); the exit code is what {@link #call} returns.
 */
@Command(mixinStandardHelpOptions = true)
abstract class NeedmapCommand implements Callable<Integer> {}
