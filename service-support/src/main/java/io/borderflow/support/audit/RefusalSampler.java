package io.borderflow.support.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which refusals the audit trail records one by one, and which it counts: a flood of bad tokens must not flood the
 * trail (nor the database behind it). Plain Java, not thread-safe on its own ({@link RefusalAudit} serialises calls).
 *
 * <p>Refusals are grouped by a key (what was refused, of whom: the status, the RPC and the verified subject, or the
 * address a call without a valid token came from). In each window of {@link #window} the first refusal of a key is
 * recorded in full; its repeats are only counted, and one summary per key ("N more like this") is recorded when its
 * window ends ({@link #due}). On top, at most {@link #perWindow} refusals are recorded in full per window across all
 * keys: beyond it, each is counted under its key, so a flood of distinct keys (made-up subjects, many addresses) is
 * still one summary per key a window; and at most {@link #maxKeys} keys are kept, the rest counted under
 * {@link #OVERFLOW}.
 */
public final class RefusalSampler {
    /** The key refusals are counted under once {@link #maxKeys} keys are held. */
    public static final String OVERFLOW = "(other refusals)";

    private final Duration window;
    private final int perWindow;
    private final int maxKeys;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final List<Summary> closed = new ArrayList<>();
    private Instant windowStart = Instant.MIN;
    private int recordedThisWindow;

    /** A key's refusals in its current window. */
    private static final class Group {
        final Instant start;
        long counted;

        Group(Instant start) {
            this.start = start;
        }
    }

    /** A key whose window ended with refusals counted but not recorded. */
    public record Summary(String key, long count, Instant from, Instant until) {}

    public RefusalSampler(Duration window, int perWindow, int maxKeys) {
        this.window = window;
        this.perWindow = perWindow;
        this.maxKeys = maxKeys;
    }

    /** Whether this refusal is recorded in full now (true) or counted for its key's summary (false). */
    public boolean admit(String key, Instant now) {
        if (!now.isBefore(windowStart.plus(window))) {
            windowStart = now;
            recordedThisWindow = 0;
        }
        Group group = groups.get(key);
        if (group != null && !now.isBefore(group.start.plus(window))) {
            // its window ended before the summaries were taken: summed up now, and this one starts a new window
            if (group.counted > 0) {
                closed.add(new Summary(key, group.counted, group.start, now));
            }
            groups.remove(key);
            group = null;
        }
        if (group == null && groups.size() >= maxKeys) {
            key = OVERFLOW;
            group = groups.get(OVERFLOW);
        }
        if (group == null) {
            group = new Group(now);
            groups.put(key, group);
            if (recordedThisWindow < perWindow && !OVERFLOW.equals(key)) {
                recordedThisWindow++;
                return true;
            }
        }
        group.counted++;
        return false;
    }

    /** The summaries of the keys whose window ended by {@code now}, forgetting them. */
    public List<Summary> due(Instant now) {
        List<Summary> due = new ArrayList<>(closed);
        closed.clear();
        Iterator<Map.Entry<String, Group>> entries = groups.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Group> entry = entries.next();
            Group group = entry.getValue();
            if (!now.isBefore(group.start.plus(window))) {
                if (group.counted > 0) {
                    due.add(new Summary(entry.getKey(), group.counted, group.start, now));
                }
                entries.remove();
            }
        }
        return due;
    }

    /** Keys held now (at most {@code maxKeys} and the overflow). */
    int keys() {
        return groups.size();
    }
}
