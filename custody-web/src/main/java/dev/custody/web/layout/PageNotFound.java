package dev.custody.web.layout;

/**
 * What a page answers when the thing asked for does not exist or is not the caller's to see: the same "not found"
 * either way, so a page never tells whether another force's record exists.
 */
public class PageNotFound extends RuntimeException {

    public PageNotFound(String message) {
        super(message);
    }
}
