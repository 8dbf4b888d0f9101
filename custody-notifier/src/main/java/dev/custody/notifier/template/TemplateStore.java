package dev.custody.notifier.template;

import dev.custody.notifier.template.TemplateText.InvalidTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every template in English and Welsh, loaded and checked once at start-up. A force edits a message by putting a
 * file of the same name ({@code <name>.<en|cy>.txt}) in its template directory; anything not there comes from the
 * built-in set on the classpath ({@code notifier/templates/}). A missing language, an unknown placeholder or a
 * missing required one stops the notifier from starting, rather than sending a broken message later.
 */
public final class TemplateStore {

    public static final String CLASSPATH_DIR = "notifier/templates/";

    private final Map<Template, Map<MessageLanguage, TemplateText>> texts = new EnumMap<>(Template.class);

    public TemplateStore(Path overrideDirectory) {
        for (Template template : Template.values()) {
            Map<MessageLanguage, TemplateText> byLanguage = new EnumMap<>(MessageLanguage.class);
            for (MessageLanguage language : new MessageLanguage[]{MessageLanguage.EN, MessageLanguage.CY}) {
                TemplateText text = load(overrideDirectory, template.fileName() + "." + language.code() + ".txt");
                text.check(template.allowed(), template.required());
                byLanguage.put(language, text);
            }
            texts.put(template, byLanguage);
        }
    }

    public TemplateText get(Template template, MessageLanguage language) {
        if (language == MessageLanguage.BILINGUAL) {
            throw new IllegalArgumentException("a bilingual message is made of the Welsh and the English text");
        }
        return texts.get(template).get(language);
    }

    private static TemplateText load(Path overrideDirectory, String fileName) {
        try {
            if (overrideDirectory != null) {
                Path file = overrideDirectory.resolve(fileName);
                if (Files.isRegularFile(file)) {
                    return TemplateText.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
                }
            }
            String resource = CLASSPATH_DIR + fileName;
            try (InputStream in = TemplateStore.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new InvalidTemplate("template " + fileName + " is missing: every message needs an English "
                            + "and a Welsh text");
                }
                return TemplateText.parse("classpath:" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + fileName, e);
        }
    }
}
