package io.needmap.pipeline.generate;

import java.util.List;
import java.util.stream.Stream;

/**
 * The fixed word lists the generator draws from. The need themes are the segments a marketer would
 * name; their vocabularies are kept disjoint so that a planted segment is recoverable from text as
 * well as from follows, and so that a word in a bio points back to exactly one need.
 */
final class NeedCatalogue {

    /** A customer need: its marketing name, the category of accounts serving it, and its words. */
    record NeedTheme(String need, String category, List<String> vocabulary) {}

    // spotless:off: word lists laid out by hand, a dozen words a line
    static final List<NeedTheme> THEMES = List.of(
            theme("tech savvy", "Technology", "gadget", "smartphone", "coding", "machine learning", "startup",
                    "laptop", "ai", "developer", "open source", "cloud computing", "cybersecurity", "wearables"),
            theme("silver surfer", "Retirement", "retirement", "grandkids", "pension", "crossword", "bridge club",
                    "genealogy", "retiree", "golden years", "senior discount", "sudoku", "bingo night", "medicare"),
            theme("time is money", "Productivity", "productivity", "meal kit", "same-day delivery", "time saving",
                    "automation", "calendar", "commute", "efficiency", "life hack", "express checkout",
                    "busy schedule", "subscription box"),
            theme("bargain hunter", "Deals", "coupon", "discount code", "clearance", "cashback", "deal alert",
                    "freebie", "price drop", "voucher", "thrift", "budget shopping", "flash sale", "outlet"),
            theme("new parent", "Parenting", "newborn", "diaper", "stroller", "baby sleep", "breastfeeding",
                    "nursery", "toddler", "daycare", "baby monitor", "teething", "parenting tips", "sleep regression"),
            theme("health conscious", "Health", "nutrition", "superfood", "protein intake", "gluten free", "vitamins",
                    "calorie count", "low sugar", "gut health", "whole grain", "meal prep", "sugar free",
                    "clean eating"),
            theme("eco-minded", "Sustainability", "sustainability", "zero waste", "recycling", "climate action",
                    "solar panels", "compost", "plastic free", "upcycling", "carbon footprint", "reusable bags",
                    "renewable energy", "biodiversity"),
            theme("luxury seeker", "Luxury", "luxury", "designer handbag", "five star hotel", "champagne", "yacht",
                    "haute couture", "first class", "fine jewelry", "private jet", "penthouse", "caviar", "bespoke"),
            theme("foodie", "Food", "recipe", "street food", "brunch", "tasting menu", "food truck", "sourdough",
                    "ramen", "chef", "food blogger", "fine dining", "dumplings", "home cooking"),
            theme("fitness fan", "Fitness", "workout", "gym", "crossfit", "deadlift", "personal trainer", "hiit",
                    "powerlifting", "gains", "leg day", "kettlebell", "protein shake", "bodybuilding"),
            theme("gamer", "Gaming", "gaming", "esports", "twitch", "console", "speedrun", "fps", "rpg", "gaming pc",
                    "xbox", "playstation", "nintendo", "loot"),
            theme("globetrotter", "Travel", "travel", "backpacking", "passport", "wanderlust", "airport lounge",
                    "jet lag", "travel hacks", "hostel", "road trip", "frequent flyer", "digital nomad", "itinerary"),
            theme("pet lover", "Pets", "dog", "puppy", "cat", "kitten", "rescue dog", "pet adoption", "vet",
                    "dog walk", "catnip", "pet food", "dog park", "fur baby"),
            theme("DIY maker", "DIY", "diy", "woodworking", "power tools", "3d printing", "arduino",
                    "home improvement", "workshop", "soldering", "maker space", "drill", "renovation", "raspberry pi"),
            theme("fashionista", "Fashion", "fashion", "outfit", "ootd", "streetwear", "runway", "fashion week",
                    "vintage style", "sneakers", "wardrobe", "styling", "trend", "lookbook"),
            theme("sports fan", "Sports", "football", "match day", "playoffs", "season tickets", "stadium",
                    "fantasy league", "transfer news", "basketball", "derby", "home team", "kickoff", "championship"),
            theme("music lover", "Music", "concert", "vinyl", "playlist", "festival", "live music", "guitar",
                    "album", "gig", "band", "spotify", "setlist", "songwriter"),
            theme("bookworm", "Books", "reading", "novel", "book club", "library", "bookstagram", "fiction",
                    "paperback", "author", "tbr", "literary", "audiobook", "kindle"),
            theme("home gardener", "Gardening", "garden", "seedlings", "tomatoes", "raised bed", "houseplants",
                    "pruning", "perennials", "greenhouse", "mulch", "allotment", "succulents", "bulbs"),
            theme("car enthusiast", "Cars", "car", "horsepower", "turbo", "track day", "classic car", "engine",
                    "detailing", "motorsport", "v8", "car meet", "drift", "exhaust"),
            theme("outdoor adventurer", "Outdoors", "hiking", "camping", "trail", "summit", "tent", "climbing",
                    "kayak", "national park", "trekking", "wilderness", "mountaineering", "campfire"),
            theme("crafter", "Crafts", "knitting", "crochet", "sewing", "quilting", "yarn", "embroidery",
                    "scrapbooking", "handmade", "cross stitch", "fabric", "pattern", "etsy shop"),
            theme("coffee lover", "Coffee", "espresso", "latte art", "barista", "cold brew", "pour over",
                    "coffee beans", "cappuccino", "roastery", "french press", "flat white", "caffeine", "aeropress"),
            theme("investor", "Finance", "investing", "stocks", "dividends", "portfolio", "etf", "index funds",
                    "crypto", "bull market", "compound interest", "trading", "real estate", "fire movement"),
            theme("student", "Education", "exams", "campus", "study group", "finals", "dorm", "lecture", "thesis",
                    "scholarship", "semester", "student loan", "homework", "graduation"),
            theme("small business owner", "Business", "small business", "entrepreneur", "invoicing", "customers",
                    "shopify", "bookkeeping", "local business", "payroll", "marketing tips", "side hustle", "sales",
                    "b2b"),
            theme("beauty lover", "Beauty", "skincare", "makeup", "lipstick", "serum", "mascara", "beauty routine",
                    "foundation", "nail art", "moisturizer", "glow", "palette", "sunscreen"),
            theme("movie buff", "Film", "movies", "cinema", "film review", "director", "box office", "oscars",
                    "screenplay", "trailer", "blockbuster", "indie film", "popcorn", "sequel"),
            theme("photographer", "Photography", "photography", "camera", "lens", "aperture", "golden hour",
                    "portrait", "landscape photo", "lightroom", "tripod", "shutter", "mirrorless",
                    "street photography"),
            theme("wellness seeker", "Wellness", "yoga", "meditation", "mindfulness", "self care", "breathwork",
                    "retreat", "journaling", "spa day", "gratitude", "sound bath", "reiki", "inner peace"),
            theme("home decor lover", "Home", "interior design", "home decor", "cozy", "throw pillows",
                    "scandinavian", "mid century", "rug", "candles", "shelf styling", "paint colors", "ikea",
                    "accent wall"),
            theme("wine connoisseur", "Wine", "wine", "vineyard", "sommelier", "merlot", "wine tasting",
                    "pinot noir", "cabernet", "rosé", "winery", "natural wine", "decanter", "grand cru"),
            theme("craft beer fan", "Beer", "craft beer", "ipa", "brewery", "stout", "homebrew", "hops", "taproom",
                    "lager", "pint", "sour beer", "beer festival", "growler"),
            theme("anime fan", "Anime", "anime", "manga", "cosplay", "otaku", "shonen", "studio ghibli", "mecha",
                    "isekai", "crunchyroll", "anime expo", "figures", "light novel"),
            theme("history buff", "History", "history", "museum", "archaeology", "ancient rome", "world war",
                    "medieval", "castles", "documentary", "artifacts", "historian", "dynasty", "archives"),
            theme("runner", "Running", "running", "5k", "half marathon", "trail running", "pace", "running shoes",
                    "strava", "parkrun", "ultramarathon", "splits", "tempo run", "race day"),
            theme("cyclist", "Cycling", "cycling", "road bike", "peloton", "bike commute", "mountain bike",
                    "gravel ride", "bike lane", "cadence", "tour de france", "chainring", "velodrome", "bikepacking"),
            theme("astronomy geek", "Space", "astronomy", "telescope", "nasa", "rocket launch", "stargazing",
                    "nebula", "exoplanet", "mars", "eclipse", "astrophotography", "spacex", "galaxy"),
            theme("board gamer", "Tabletop", "board games", "dungeons and dragons", "tabletop", "meeple", "dice",
                    "catan", "card game", "game night", "miniatures", "dungeon master", "deck building", "chess"),
            theme("cause supporter", "Causes", "volunteering", "charity", "fundraiser", "nonprofit",
                    "community service", "donate", "food bank", "activism", "petition", "social justice",
                    "mutual aid", "advocacy"),
            theme("home baker", "Baking", "baking", "cupcakes", "pastry", "croissant", "cake decorating", "cookies",
                    "frosting", "macarons", "stand mixer", "pie crust", "brownies", "bake sale"));

    /** Bio fragments that carry no need: every segment uses them alike. */
    static final List<String> GENERIC_PHRASES = List.of("mom of two", "dad of three", "coffee", "views my own",
            "she/her", "he/him", "they/them", "living my best life", "dreamer", "husband, father, friend",
            "opinions are mine", "RT ≠ endorsement", "always learning", "blessed", "lover of life", "just vibing",
            "proud aunt", "night owl", "work in progress", "be kind");

    static final List<String> MOTTOS = List.of("work hard, play hard", "less is more, they say",
            "stay curious, stay kind", "one day, or day one", "eat, sleep, repeat");

    static final List<String> EMOJI = List.of("🚀", "☕", "❤️", "🌱", "✨", "🔥", "📚", "🐶", "🎮", "🌍", "📷",
            "😂", "🙌", "🌙", "💫");

    static final List<String> GENERIC_HASHTAGS = List.of("#Blessed", "#MondayMotivation", "#TBT", "#Goals",
            "#WeekendVibes");

    /** Non-English bio phrases, by ISO 639-1 code. */
    static final List<String> FOREIGN_LANGUAGES = List.of("es", "de", "fr");
    static final List<List<String>> FOREIGN_PHRASES = List.of(
            List.of("amante del café", "mamá de dos", "viajar es vivir", "opiniones propias", "siempre aprendiendo",
                    "hecho en México", "fútbol y familia", "la vida es bella"),
            List.of("Kaffeeliebhaberin", "Papa von zwei Kindern", "Meinungen sind meine eigenen", "immer neugierig",
                    "aus Berlin", "leben und leben lassen", "Fußball und Familie", "Reisen ist Leben"),
            List.of("amoureux du café", "maman de deux enfants", "avis personnels", "toujours curieux",
                    "la vie est belle", "voyager c'est vivre", "fan de foot", "fait à Paris"));

    static final List<String> CITIES = List.of("New York", "London", "Los Angeles", "Toronto", "Sydney",
            "Chicago", "Manchester", "Dublin", "San Francisco", "Austin", "Seattle", "Boston", "Miami", "Denver",
            "Atlanta", "Melbourne", "Vancouver", "Edinburgh", "Auckland", "Cape Town", "Singapore", "Berlin",
            "Paris", "Madrid", "Amsterdam", "Mexico City", "Portland", "Nashville", "Bristol", "Montreal");

    static final List<String> FIRST_NAMES = List.of("Ava", "Liam", "Noah", "Emma", "Olivia", "Mia", "Lucas",
            "Sofia", "Ethan", "Chloe", "Maya", "Leo", "Zoe", "Omar", "Priya", "Kenji", "Grace", "Diego", "Hannah",
            "Jamal", "Nina", "Sam", "Aisha", "Tom", "Lena", "Ravi", "Ella", "Marco", "Yuki", "Ben");

    static final List<String> LAST_NAMES = List.of("Smith", "Garcia", "Chen", "Patel", "Johnson", "Müller",
            "Nguyen", "Brown", "Rossi", "Kim", "O'Brien", "Silva", "Cohen", "Khan", "Martin", "Lopez", "Wilson",
            "Novak", "Sato", "Dubois");

    static final List<String> NICHE_SUFFIXES = List.of("Weekly", "Hub", "Daily", "Club", "Lab", "Collective",
            "Co.", "Insider", "Community", "Central", "HQ", "World");

    static final List<String> NEWS_PREFIXES = List.of("Global", "Daily", "Morning", "Metro", "National",
            "World", "Evening", "Capital");
    static final List<String> NEWS_NOUNS = List.of("News", "Herald", "Courier", "Times", "Post", "Report",
            "Wire", "Tribune");

    static final List<String> POST_OPENERS = List.of("Just tried", "Loving this:", "Can't stop thinking about",
            "Big news:", "Hot take:", "Weekend plans:", "Anyone else into", "New post about", "Today:",
            "Quick thoughts on");
    static final List<String> POST_CLOSERS = List.of("What do you think?", "So good.", "Thread 👇", "lol",
            "Who's with me?", "More soon.");

    /*
     * Pools of the realistic text style (RealisticText): need-free words a real bio or post is
     * mostly made of. Combined by sentence templates, they make texts that rarely repeat. None holds
     * a theme's vocabulary term, so they dilute the need signal without pointing to a need.
     */

    static final List<String> ADJECTIVES = List.of("quiet", "messy", "tiny", "stubborn", "lazy", "slow", "rainy",
            "bright", "grumpy", "chaotic", "honest", "weird", "tired", "lucky", "gentle", "loud", "curious", "wild",
            "sleepy", "random", "proper", "humble", "brave", "clumsy", "cheerful", "awkward", "serious", "strange",
            "fancy", "cheap", "fresh", "soggy", "noisy", "sunny", "chilly", "spicy", "sketchy", "mellow", "restless",
            "dramatic", "sneaky", "hopeful", "cranky", "fearless", "overrated", "underrated", "ridiculous", "decent",
            "glorious", "questionable", "unexpected", "wholesome", "chunky", "sleek", "gloomy", "breezy", "frantic",
            "patient", "nostalgic", "elegant");

    static final List<String> TIMES = List.of("this morning", "last night", "on Sunday", "after work", "at 6am",
            "yesterday", "all weekend", "during lunch", "before the school run", "since March", "tonight",
            "at midnight", "on my day off", "before breakfast", "after the rain", "on Friday night", "every Tuesday",
            "last summer", "this week", "over the holidays", "at 2am", "on the way home", "before my shift",
            "after dinner", "on Saturday morning", "in January", "last weekend", "right now", "earlier today",
            "at dawn", "over lunch", "between meetings", "on a Monday", "at half past five", "in the rain",
            "after the school pickup", "this afternoon", "on the bank holiday", "late last night", "first thing");

    static final List<String> PAST_VERBS = List.of("tried", "found", "finished", "started", "booked", "ordered",
            "fixed", "watched", "discovered", "skipped", "planned", "messed up", "survived", "nailed",
            "rediscovered", "cancelled", "shared", "missed", "picked up", "signed up for", "borrowed", "sold", "lost",
            "won", "built", "painted", "cleaned", "sorted out", "reviewed", "recommended", "upgraded", "returned",
            "forgot about", "fell for", "gave up on", "argued about", "splurged on", "queued for", "googled",
            "binged");

    static final List<String> BASE_VERBS = List.of("try", "skip", "plan", "book", "order", "start", "fix",
            "mention", "explain", "rush", "ignore", "share", "recommend", "question", "defend", "underestimate",
            "overthink", "postpone", "argue about", "complain about", "dream about", "bet on", "queue for",
            "pay for", "wait for", "give up", "sleep on", "budget for", "celebrate", "rethink");

    static final List<String> PLACES = List.of("at the market", "in my kitchen", "downtown", "at my mum's",
            "on the train", "near the river", "at the corner shop", "on the bus", "at the office", "in the back yard",
            "at my desk", "on the balcony", "in the attic", "at the beach", "by the canal", "at the community hall",
            "on the high street", "at my cousin's", "on the rooftop", "in the spare room", "at the school gate",
            "on the ferry", "at the pub", "in the waiting room", "at the laundrette", "in the shed", "at the bus stop",
            "on the sofa", "in bed", "at the station", "at grandma's", "on my lunch break", "in the garage",
            "at the church hall", "on the pier", "at the night market", "in the hallway", "at the town square",
            "at the leisure centre", "round the corner");

    static final List<String> REACTIONS = List.of("honestly not bad", "worth every minute", "no regrets",
            "still thinking about it", "ten out of ten", "would do it again", "my back hurts", "send help",
            "zero notes", "absolutely wild", "not my finest hour", "mildly obsessed now", "a total mess",
            "weirdly emotional about it", "surprisingly decent", "never again", "best decision this month",
            "chaos as usual", "so worth it", "bit disappointed tbh", "feeling smug", "can confirm it works",
            "lesson learned", "cried a little", "still buzzing", "regret nothing", "half asleep", "shocked honestly",
            "can't stop smiling", "questioning everything", "pure joy", "a bit much", "no thoughts, just vibes",
            "my wallet is crying", "grateful for small wins", "we move", "that's all I wanted",
            "ok fine, I get it now", "brain fully fried", "would not recommend");

    static final List<String> PEOPLE = List.of("my sister", "the neighbours", "my boss", "the kids", "my flatmate",
            "grandad", "a stranger", "my partner", "my brother", "the whole team", "my best mate", "my mum", "my dad",
            "the twins", "my landlord", "our nan", "my colleague", "the lads", "the group chat", "my other half",
            "my niece", "my nephew", "the in-laws", "a random guy", "my therapist", "my cousin", "the postman",
            "my uncle", "our neighbour", "my old teacher");

    static final List<String> THINGS = List.of("umbrella", "spreadsheet", "kettle", "parking ticket", "sandwich",
            "notebook", "jacket", "phone charger", "bus pass", "lunchbox", "sofa", "toaster", "keyring",
            "headphones", "backpack", "mug", "blender", "raincoat", "wallet", "doorbell", "lamp", "mattress",
            "fridge", "sunglasses", "water bottle", "alarm clock", "hoodie", "duvet", "microwave", "scarf", "printer",
            "remote", "suitcase", "toothbrush", "hairdryer", "flask", "calculator", "stapler", "slippers",
            "tea towel", "shopping list", "fan heater", "blanket", "envelope", "bucket", "ironing board",
            "extension lead", "spare key", "lunch money", "pencil case");

    static final List<String> LIFE_WORDS = List.of("laundry", "traffic", "rain", "deadline", "nap", "rent",
            "groceries", "dentist appointment", "emails", "the weather", "overtime", "school run", "bills", "dishes",
            "tax return", "council tax", "hangover", "heatwave", "power cut", "job interview", "moving house",
            "wedding season", "birthday party", "train strike", "flu season", "the washing", "an early shift",
            "a long week", "jury duty", "house viewing", "parents' evening", "payday", "a night shift", "the boiler",
            "a leaky tap", "performance review", "bin day", "a flat tyre", "a broken phone", "inbox zero");

    static final List<String> JOBS = List.of("nurse", "teacher", "accountant", "bus driver", "paramedic",
            "architect", "plumber", "electrician", "lawyer", "pharmacist", "social worker", "receptionist",
            "engineer", "data analyst", "graphic designer", "firefighter", "midwife", "carpenter", "librarian",
            "translator", "journalist", "civil servant", "dental nurse", "HR manager", "project manager",
            "postal worker", "hairdresser", "cleaner", "dispatcher", "lab technician", "surveyor", "physio",
            "police officer", "care worker", "retail manager", "estate agent", "tutor", "train driver",
            "warehouse supervisor", "optician", "copywriter", "student nurse", "software tester", "paralegal",
            "call centre agent", "night porter", "doctor", "sound engineer", "landscaper", "zookeeper");

    /** What someone keen on a thing calls themselves: "sourdough nerd". */
    static final List<String> ENTHUSIASTS = List.of("nerd", "enthusiast", "person", "fanatic", "addict", "geek",
            "lover", "obsessive", "devotee", "collector", "hobbyist", "fiend", "junkie", "snob", "amateur",
            "apprentice", "champion", "evangelist", "rookie", "believer");

    static final List<String> RELATIVES = List.of("mum", "dad", "mom", "auntie", "uncle", "grandma", "grandad",
            "stepdad", "stepmum", "godmother", "big sister", "big brother", "foster parent", "nana", "papa");

    static final List<String> CHILDREN = List.of("kids", "boys", "girls", "teenagers", "little ones", "monsters",
            "chaos gremlins", "humans", "rascals", "teens", "daughters", "sons");

    static final List<String> DETERMINERS = List.of("the", "my", "our", "that", "this", "some", "another");

    static final List<String> TIME_SPANS = List.of("days", "weeks", "months", "years");

    static final List<String> WEEKDAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday");

    /** {@link #FIRST_NAMES} and more: the names people mention in realistic posts. */
    static final List<String> PEOPLE_NAMES = Stream.concat(FIRST_NAMES.stream(), Stream.of("Amara", "Jonah",
            "Freya", "Kofi", "Isla", "Mateo", "Saoirse", "Tariq", "Ines", "Callum", "Anika", "Elijah", "Rosa",
            "Dmitri", "Fatima", "Oscar", "Leila", "Hugo", "Mei", "Rory", "Nadia", "Felix", "Ama", "Joaquin", "Esme",
            "Arjun", "Clara", "Tobias", "Zara", "Kwame", "Niamh", "Pablo", "Ingrid", "Theo", "Yasmin", "Bruno",
            "Keira", "Malik", "Alice", "Ruben", "Eva", "Idris", "Poppy", "Santiago", "Lila", "Finn", "Chiara",
            "Dev", "Imogen", "Luca")).toList();

    static final List<String> SHOP_KINDS = List.of("Dental", "Plumbing", "Barbers", "Florist", "Deli", "Pharmacy",
            "Tailors", "Cafe", "Removals", "Print Shop", "Launderette", "Locksmiths", "Opticians", "Nail Studio",
            "Hardware", "Hair Salon", "Pizzeria", "Kebab House", "Framing", "Upholstery", "Cobblers",
            "Physiotherapy", "Driving School", "Dance Studio", "Tattoo Studio", "Accountants", "Cleaning Co.",
            "Glaziers", "Dry Cleaners", "Chippy");
    static final List<String> SHOP_CATEGORIES = List.of("Local business", "Local business", "Shopping & retail",
            "Professional services", "");

    static final List<String> LOCAL_GROUPS = List.of("Parents Network", "Residents Association", "Night Market",
            "Community Choir", "Swap Shop", "Neighbourhood Watch", "Youth Club", "Lost & Found", "Buy Nothing Group",
            "Events", "Memes", "Noticeboard", "Social Club", "Walking Group", "Quiz Night", "Street Party",
            "Repair Cafe", "Jobs Board", "Mutual Support", "Litter Pickers");
    static final List<String> GROUP_CATEGORIES = List.of("Community", "Group", "Nonprofit", "Local event", "");

    static final List<String> CREATOR_CATEGORIES = List.of("Personal", "Creator", "", "Artist", "Public figure",
            "Personal blog", "Video creator");

    /** {@link #GENERIC_HASHTAGS} and more: need-free hashtags of realistic posts. */
    static final List<String> LIFE_HASHTAGS = Stream.concat(GENERIC_HASHTAGS.stream(), Stream.of(
            "#FridayFeeling", "#SundayFunday", "#NoFilter", "#Grateful", "#SmallWins", "#RainyDay",
            "#LifeUpdate", "#Mood", "#ThrowbackThursday", "#SelfLove", "#NewWeek", "#LateNight", "#Relatable",
            "#AdultingIsHard", "#HappyPlace")).toList();

    private NeedCatalogue() {
    }

    // spotless:on
    private static NeedTheme theme(String need, String category, String... vocabulary) {
        return new NeedTheme(need, category, List.of(vocabulary));
    }
}
