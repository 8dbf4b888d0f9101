package dev.custody.projections.access;

import dev.custody.edge.Bounds;

import java.util.List;

/** One page of a longer answer. {@code page} counts from 0. */
public record Page<T>(List<T> content, int page, int size, long totalElements) {

    public static final int MAX_SIZE = Bounds.PAGE_SIZE;
}
