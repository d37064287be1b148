package io.needmap.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.needmap.pipeline.profile.ProfileFixture;
import io.needmap.pipeline.profile.ProfileStage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportStageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path PAGE = Path.of("target/report-test/index.html").toAbsolutePath();
    private static String html;

    @BeforeAll
    static void render() {
        ProfileStage.Result result = ProfileFixture.profile();
        html = ReportStage.render(result.segments(), result.overlap(), result.demographics());
        ReportStage.write(html, PAGE.toUri().toString(), new Configuration());
    }

    @Test
    void pageIsSelfContainedAndEscaped() {
        assertTrue(html.contains("Pet Care &lt;Plus&gt; &amp; Co"), "interest names are escaped");
        assertFalse(html.contains("<Plus>"));
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no network resources");
        assertEquals(3, count(html, "<article class=\"card\""));
        assertTrue(html.contains("Below the privacy floor"), "the suppressed segment says so");
        assertTrue(html.contains("<svg"), "charts are inline SVG");
    }

    @Test
    void chromiumLoadsThePageWithoutConsoleErrors() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "/usr/bin/chromium is missing: run scripts/ensure-chromium to test the report in a browser");
        Chromium dom = chromium("--dump-dom", "--enable-logging=stderr", "--v=0");
        assertEquals(0, dom.exit(), dom.stderr());
        assertEquals(3, count(dom.stdout(), "class=\"card\""), "one card per segment in the rendered DOM");
        assertFalse(dom.stderr().contains("CONSOLE"), "console messages: " + dom.stderr());
        assertFalse(dom.stderr().contains("Uncaught"), dom.stderr());

        Path screenshot = Path.of("target/report.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        Chromium shot = chromium("--screenshot=" + screenshot, "--window-size=1400,2000");
        assertEquals(0, shot.exit(), shot.stderr());
        assertTrue(Files.size(screenshot) > 10_000, "screenshot written to " + screenshot);
    }

    private record Chromium(int exit, String stdout, String stderr) {
    }

    private static Chromium chromium(String... extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(extra));
        command.add(PAGE.toUri().toString());
        Path out = Files.createTempFile("chromium", ".out");
        Path err = Files.createTempFile("chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 180 s");
        }
        return new Chromium(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
