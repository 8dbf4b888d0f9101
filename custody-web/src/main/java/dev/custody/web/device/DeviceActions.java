package dev.custody.web.device;

import dev.custody.values.Actor;

import java.util.List;

/**
 * What a person may do to a device now, offered on the device page as buttons leading to each step's form. One bean
 * per feature (the lab's steps, the officer's, the supervisor's); the page shows them all, in bean order. Offering a
 * step is a convenience: the command side judges it again when it is sent.
 */
public interface DeviceActions {

    /**
     * One step a person can take.
     *
     * @param label the button's words, such as "Receive at the lab"
     * @param path  the step's form page
     */
    record Action(String label, String path) {
    }

    List<Action> available(Actor actor, DeviceRecord device);
}
