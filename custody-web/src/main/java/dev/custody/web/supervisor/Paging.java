package dev.custody.web.supervisor;

import java.util.function.IntFunction;

/**
 * What the GOV.UK pagination shows under a list: where the previous and next pages are (null at either end) and
 * which page of how many this is.
 */
record Paging(String previous, String next, int page, int pages, long total) {

    static Paging of(int page, int size, long total, IntFunction<String> path) {
        int pages = (int) Math.max(1, (total + size - 1) / size);
        return new Paging(page > 0 ? path.apply(page - 1) : null, page + 1 < pages ? path.apply(page + 1) : null,
                page + 1, pages, total);
    }

    public boolean needed() {
        return previous != null || next != null;
    }
}
