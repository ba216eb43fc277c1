package io.borderflow.routing.model.route;

/** The freight corridors a person recognises, each with the name a route label uses. */
public enum Corridor {
    /** China - Kazakhstan - Russia by road. */
    NORTHERN("Northern route"),
    /** Trans-Caspian: Kazakhstan, a Caspian ferry, Azerbaijan, Georgia, Turkey. */
    MIDDLE_CORRIDOR("Middle Corridor"),
    /** Straight from China into Russia (Zabaykalsk, Blagoveshchensk, Pogranichny). */
    RUSSIA_CHINA_DIRECT("Russia-China direct route");

    private final String displayName;

    Corridor(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
