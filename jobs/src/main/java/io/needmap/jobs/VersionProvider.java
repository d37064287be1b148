package io.needmap.jobs;

import io.needmap.pipeline.config.BuildVersions;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Prints the versions the jar was built with. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties versions = BuildVersions.load();
        return new String[] {
            "needmap " + versions.getProperty("needmap") + " (Spark " + versions.getProperty("spark") + ", Smile "
                    + versions.getProperty("smile") + ", CoreNLP " + versions.getProperty("corenlp") + ")"
        };
    }
}
