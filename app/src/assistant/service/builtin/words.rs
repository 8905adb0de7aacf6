//! Words the engine knows without acting on them: fillers that carry no meaning of their own,
//! incidental nouns that may be ignored, and keywords never taken for a misspelt name.

/// Words that carry no meaning of their own here, and the keywords the intent reader claims
/// (so a lone keyword is never taken for a name).
const FILLERS: &str = "\
    a about across all also am amount an and any are as at be been buy bought by can could cost \
    costs did do does doing during each every expense expenses for from get give go going got \
    had has have how i if in into is it its just last let like made make me money much my now \
    of on only or our out overall paid pay payment payments per please purchase purchases show \
    so far spend spending spends spent tell than that the them there these this those to total \
    totals transaction transactions up us was we were what whats when where which who with \
    would you your see list ok okay hey hi thanks want know need should will then same but \
    what's many often times number sum put used use wasted went versus vs compare compared \
    comparison against more less most least category categories merchant merchants store stores \
    shop shops place places vendor vendors period whole entire everything things stuff \
    altogether combined together one ones look looking break down split share breakdown day \
    days week weeks month months year years date before after until since between lately \
    recently currently kind type bill bills charge charges charged being top bottom largest \
    biggest highest over under within visit visits visited frequent getting spendings dollars \
    ago month's past previous recent latest trend trends history \
    summary overview size exceeded exceed chart graph plot status report anything everything \
    something plus come came log logged record recorded enter entered ive im id expensive \
    pricey stay stayed far it various situation state standing progress hows wheres instead \
    rather single";

/// Words that may be ignored when nothing else explains them, yet may also be a user's own
/// category or merchant name ("Subscriptions"), so the name reader still sees them.
const INCIDENTAL: &str = "ride rides trip trips order orders subscription subscriptions bill \
    lot lots stuff thing things item items shopping visit run runs meal meals eat ate eaten \
    eating";

/// Words that say what to compute: never taken for a misspelt name ("avg" is not "BVG").
const KEYWORDS: &str = "avg mean average typical top bottom biggest largest smallest cheapest \
    highest lowest budget budgets most least count daily weekly monthly yearly tagged tag \
    receipt receipts note notes different distinct unique left remaining rollover track";

pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.split_whitespace().any(|keyword| keyword == word)
}

pub fn is_incidental(word: &str) -> bool {
    INCIDENTAL
        .split_whitespace()
        .any(|incidental| incidental == word)
}

pub fn is_filler(word: &str) -> bool {
    FILLERS.split_whitespace().any(|filler| filler == word)
}
