package io.needmap.jobs;

import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Prints the versions the jar was built with. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws Exception {
        Properties versions = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/needmap-versions.properties")) {
            versions.load(in);
        }
        return new String[] {"needmap " + versions.getProperty("needmap") + " (Spark " + versions.getProperty("spark")
                + ", Smile " + versions.getProperty("smile") + ", CoreNLP " + versions.getProperty("corenlp") + ")"};
    }
}
