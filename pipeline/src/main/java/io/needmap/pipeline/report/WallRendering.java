package io.needmap.pipeline.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * How the report stage ({@link Report}) renders the Customer Innovation Wall, {@code report/index.html} and {@code report/wall.pdf}: the
 * venue of a team's ideation sessions about its segments. The page is one file a marketer opens from
 * disk (no network, no script library): an overview (how much of the audience the published segments
 * cover, the segment map, the input's data quality, what changed since the previous run, sizes and
 * overlap), then one card per segment with who they are, what defines them and the three boxes
 * "Assets we have", "Assets missing" and "Partners to seek", plus an empty notes area. Printed (or
 * as the PDF) it is one A4 landscape page for the overview and one per published segment, to hang
 * on a wall.
 *
 * <p>Why templates: the page is HTML from jte templates ({@code src/main/jte}), precompiled at build
 * time and escaping every expression by default for where it stands (text, attribute), so no input
 * string (a label, an asset's name) can inject markup; its CSS and JavaScript are resource files,
 * inlined so the page stays self-contained. What the page says is worded in {@link WallData}; the
 * templates only lay it out. The PDF is the same page rendered by openhtmltopdf (pure Java, on
 * PDFBox; SVG by Batik) with the print style sheet, so no browser is needed on a cluster node.
 *
 * <p>Where it fails: the PDF renderer knows CSS 2.1 and the 14 standard PDF fonts, so characters
 * outside Latin-1 (arrows, emoji, most non-Latin scripts) print as placeholders there, and a card is
 * cut at its page's end rather than continued (each card shows a bounded number of items for that
 * reason).
 */
public final class WallRendering {
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final String CSS = resource("wall.css");
    private static final String SCRIPT = resource("wall.js");

    /** Where jasperreports-fonts keeps DejaVu Sans (a jar of font files, nothing else of JasperReports). */
    private static final String DEJAVU = "/net/sf/jasperreports/fonts/dejavu/";

    private record Face(int weight, BaseRendererBuilder.FontStyle style) {}

    private static final Map<String, Face> DEJAVU_SANS = Map.of(
            "DejaVuSans.ttf", new Face(400, BaseRendererBuilder.FontStyle.NORMAL),
            "DejaVuSans-Bold.ttf", new Face(700, BaseRendererBuilder.FontStyle.NORMAL),
            "DejaVuSans-Oblique.ttf", new Face(400, BaseRendererBuilder.FontStyle.ITALIC),
            "DejaVuSans-BoldOblique.ttf", new Face(700, BaseRendererBuilder.FontStyle.ITALIC));

    private WallRendering() {}

    /** The page. */
    public static String render(WallData wall) {
        StringOutput page = new StringOutput();
        TEMPLATES.render("wall.jte", Map.of("wall", wall, "css", CSS, "script", SCRIPT), page);
        return page.toString();
    }

    /** The page as a PDF, laid out by its print style sheet. */
    public static byte[] pdf(String html) {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useSVGDrawer(new BatikSVGDrawer());
            // The page's first font the renderer has: the PDF's standard fonts print only Latin-1, so names
            // and words in Polish, Cyrillic, Greek... come out as placeholders without an embedded font.
            DEJAVU_SANS.forEach((file, face) -> builder.useFont(
                    () -> WallRendering.class.getResourceAsStream(DEJAVU + file),
                    "DejaVu Sans",
                    face.weight,
                    face.style,
                    true));
            builder.withHtmlContent(html, null);
            builder.toStream(pdf);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render the wall as PDF", e);
        }
        return pdf.toByteArray();
    }

    /** Writes the page and its PDF through Hadoop's FileSystem, so any output URI works. */
    public static void write(WallData wall, String htmlLocation, String pdfLocation, Configuration hadoop) {
        String html = render(wall);
        write(html.getBytes(StandardCharsets.UTF_8), htmlLocation, hadoop);
        write(pdf(html), pdfLocation, hadoop);
    }

    static void write(byte[] content, String location, Configuration hadoop) {
        Path path = new Path(location);
        try (OutputStream out = path.getFileSystem(hadoop).create(path, true)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + location, e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = WallRendering.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
