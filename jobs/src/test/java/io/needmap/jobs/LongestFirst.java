package io.needmap.jobs;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order the end-to-end classes are handed to JUnit's two worker threads (the jobs module runs
 * two test classes at a time, see its pom): the classes of the bundled sample's run first, so that
 * one thread runs it and then its readers while the other starts from the far end of the list; then
 * the rest, longest first, so that the two threads finish close together. A class not listed goes
 * last, which is where the second thread starts: a reader of the sample there waits for the whole
 * sample run with its thread idle, so every class is listed. The order changes no result, only the
 * wall time.
 */
public final class LongestFirst implements ClassOrderer {
    private static final List<String> ORDER = List.of(
            "BiReadinessTest", // runs the bundled sample (SampleRun), which the next three read
            "WallEndToEndTest",
            "EndToEndTest",
            "TopicsEndToEndTest",
            "RealAudienceScenariosTest",
            "AccountFlagsRunTest",
            "ResolutionScenariosTest",
            "ExportShapesTest",
            "ScheduledRunsTest",
            "CrashSafetyTest",
            "RepairedFieldsRunTest",
            "BadInputTest",
            "GenerateCommandTest",
            "EvaluateCommandTest");

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors()
                .sort(Comparator.comparingInt(d -> rank(d.getTestClass().getSimpleName())));
    }

    private static int rank(String simpleName) {
        int rank = ORDER.indexOf(simpleName);
        return rank < 0 ? ORDER.size() : rank;
    }
}
