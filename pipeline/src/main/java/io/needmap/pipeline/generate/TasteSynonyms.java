package io.needmap.pipeline.generate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Synonym groups of every need theme, for {@link SynonymBios}: what members of one taste call the
 * same thing ("photographer", "photog", "shooter"; "camera", "canon", "nikon"...). Each theme's
 * catalogue words ({@link NeedCatalogue}) sit in its groups, so bios share words with the
 * {@code interests} rows of the taste's accounts. A form belongs to one group of one theme only.
 */
final class TasteSynonyms {

    /** Groups of each theme by need name: groups split on {@code ;}, the forms of a group on {@code /}. */
    // spotless:off: word lists laid out by hand, a theme an entry
    private static final Map<String, List<List<String>>> BY_NEED = Map.ofEntries(
            taste("tech savvy",
                    "gadget/gadgets/gizmos/tech toys; smartphone/iphone/android/pixel phone; "
                    + "coding/programming/writes code/codebase; machine learning/ml/deep learning/neural nets; "
                    + "startup/startups/founder/vc funded; laptop/macbook/thinkpad; ai/llms/chatgpt/genai; "
                    + "developer/dev/swe/full stack; open source/github/foss/linux; "
                    + "cloud computing/aws/kubernetes/devops; cybersecurity/infosec/pentesting/ethical hacking; "
                    + "wearables/smartwatch/apple watch"),
            taste("silver surfer",
                    "retirement/retired/retiree/happily retired; grandkids/grandchildren/grandson/granddaughter; "
                    + "pension/pensioner/oap; crossword/crosswords/cryptic clues; "
                    + "bridge club/bridge player/duplicate bridge; genealogy/family tree/ancestry/ancestors; "
                    + "golden years/seventy something/young at heart; senior discount/over sixties/freedom pass; "
                    + "sudoku/word search/jigsaw puzzles; bingo night/bingo/bingo hall; "
                    + "medicare/social security/aarp"),
            taste("time is money",
                    "productivity/productive/getting things done/gtd; meal kit/hellofresh/meal boxes; "
                    + "same-day delivery/next day delivery/prime delivery; time saving/time saver/timeboxing; "
                    + "automation/zapier/automate everything; calendar/google calendar/time blocking; "
                    + "commute/commuter/commuting; efficiency/efficient/optimise; life hack/lifehacks/shortcuts; "
                    + "express checkout/one click/self checkout; busy schedule/busy bee/always on the go; "
                    + "subscription box/subscriptions/auto renew"),
            taste("bargain hunter",
                    "coupon/coupons/couponing/extreme couponing; discount code/promo code/promo codes; "
                    + "clearance/clearance aisle/markdowns; cashback/cash back/rebates; deal alert/deals/hot deals; "
                    + "freebie/freebies/free samples; price drop/price tracker/lowest price; "
                    + "voucher/vouchers/voucher codes; thrift/thrifting/charity shop/secondhand; "
                    + "budget shopping/frugal/frugal living/penny pincher; flash sale/black friday/doorbusters; "
                    + "outlet/outlet mall/factory outlet"),
            taste("new parent",
                    "newborn/newborns/new baby/fourth trimester; diaper/diapers/nappies/nappy; "
                    + "stroller/pram/buggy; baby sleep/sleep training/contact naps; "
                    + "breastfeeding/nursing mama/pumping; nursery/baby room/crib; toddler/toddlers/toddlerhood; "
                    + "daycare/nursery school/childminder; baby monitor/owlet/video monitor; "
                    + "teething/teether/first tooth; parenting tips/gentle parenting/mum life; "
                    + "sleep regression/four month regression/wake windows"),
            taste("health conscious",
                    "nutrition/nutritionist/macros; superfood/superfoods/chia seeds/acai; "
                    + "protein intake/high protein/protein goals; gluten free/coeliac/celiac; "
                    + "vitamins/supplements/vitamin d; calorie count/calorie counting/myfitnesspal; "
                    + "low sugar/no added sugar/low carb; gut health/probiotics/kombucha/fermented foods; "
                    + "whole grain/wholegrain/whole foods; meal prep/meal prepping/prepped lunches; "
                    + "sugar free/sugarfree/quit sugar; clean eating/eat clean/plant based"),
            taste("eco-minded",
                    "sustainability/sustainable/sustainable living; zero waste/zerowaste/low waste; "
                    + "recycling/recycle/recycled; climate action/climate crisis/climate justice; "
                    + "solar panels/solar power/rooftop solar; compost/composting/wormery; "
                    + "plastic free/plasticfree/no plastic; upcycling/upcycled/repair not replace; "
                    + "carbon footprint/carbon neutral/net zero; reusable bags/tote bags/refill shop; "
                    + "renewable energy/wind power/green energy; biodiversity/rewilding/pollinators"),
            taste("luxury seeker",
                    "luxury/luxe/luxurious/high end; designer handbag/birkin/louis vuitton/chanel bag; "
                    + "five star hotel/five star/suite life; champagne/dom perignon/bubbly; "
                    + "yacht/yachting/superyacht; haute couture/couture/dior; "
                    + "first class/business class/lounge access; fine jewelry/diamonds/cartier/rolex; "
                    + "private jet/jetsetter/jet set; penthouse/mansion/villa; caviar/truffles/oysters; "
                    + "bespoke/tailor made/savile row"),
            taste("foodie",
                    "recipe/recipes/recipe developer; street food/hawker food/food stalls; "
                    + "brunch/bottomless brunch/eggs benedict; tasting menu/michelin/michelin star; "
                    + "food truck/food trucks/food hall; sourdough/sourdough starter/levain; "
                    + "ramen/pho/noodles/noodle soup; chef/line cook/sous chef; food blogger/food blog/foodstagram; "
                    + "fine dining/omakase/degustation; dumplings/dim sum/gyoza/bao; "
                    + "home cooking/home cook/cooking at home"),
            taste("fitness fan",
                    "workout/workouts/training session/sweat session; gym/gym rat/gym life/gymlife; "
                    + "crossfit/wod/box jumps; deadlift/deadlifts/squats/bench press; "
                    + "personal trainer/pt/online coaching; hiit/circuits/tabata; "
                    + "powerlifting/powerlifter/strongman; gains/bulking/cutting/shredded; leg day/legday/glutes; "
                    + "kettlebell/kettlebells/dumbbells; protein shake/whey/preworkout; "
                    + "bodybuilding/bodybuilder/physique"),
            taste("gamer",
                    "gaming/gamer/video games; esports/pro gamer/competitive gaming; "
                    + "twitch/streamer/live streams; console/consoles/console gaming; "
                    + "speedrun/speedrunner/speedruns; fps/shooters/call of duty/valorant; rpg/rpgs/jrpg/skyrim; "
                    + "gaming pc/pc gaming/pc master race/rgb; xbox/series x/game pass; playstation/ps5/ps4; "
                    + "nintendo/switch/zelda/mario; loot/loot boxes/battle pass"),
            taste("globetrotter",
                    "travel/traveller/traveler/travelling; backpacking/backpacker/gap year; "
                    + "passport/passport stamps/visa runs; wanderlust/wanderer/explore more; "
                    + "airport lounge/layover/layovers; jet lag/jetlagged/red eye flights; "
                    + "travel hacks/points and miles/travel tips; hostel/hostels/hostel life; "
                    + "road trip/roadtrip/van life; frequent flyer/air miles/gold status; "
                    + "digital nomad/nomad life/remote work abroad; itinerary/bucket list/countries visited"),
            taste("pet lover",
                    "dog/dogs/doggo/pupper; puppy/puppies/pup; cat/cats/kitty; kitten/kittens/kitties; "
                    + "rescue dog/adopt don't shop/rescue pup; pet adoption/foster fail/shelter pets; "
                    + "vet/vet tech/veterinary; dog walk/dog walks/walkies; catnip/cat tree/scratching post; "
                    + "pet food/raw feeding/kibble; dog park/off leash/fetch; fur baby/furbaby/fur kids/pet parent"),
            taste("DIY maker",
                    "diy/do it yourself/diyer; woodworking/woodworker/woodwork/joinery; "
                    + "power tools/table saw/router table; 3d printing/3d printer/pla filament; "
                    + "arduino/microcontrollers/esp32; home improvement/fixer upper/diy projects; "
                    + "workshop/shop time/garage workshop; soldering/solder/electronics tinkering; "
                    + "maker space/makerspace/hackerspace; drill/cordless drill/impact driver; "
                    + "renovation/renovating/reno; raspberry pi/homelab/pi projects"),
            taste("fashionista",
                    "fashion/fashionable/fashion blogger; outfit/outfits/fit check; ootd/ootn/wiw; "
                    + "streetwear/hypebeast/supreme; runway/catwalk/models; fashion week/nyfw/pfw/lfw; "
                    + "vintage style/vintage fashion/retro style; sneakers/sneakerhead/kicks/jordans; "
                    + "wardrobe/capsule wardrobe/closet; styling/stylist/personal stylist; "
                    + "trend/trends/trendy/trendsetter; lookbook/mood board/style inspo"),
            taste("sports fan",
                    "football/soccer/footy; match day/matchday/game day; playoffs/postseason/play offs; "
                    + "season tickets/season ticket holder/ticket holder; stadium/terraces/the stands; "
                    + "fantasy league/fantasy football/fpl; transfer news/transfer window/rumour mill; "
                    + "basketball/nba/hoops; derby/local derby/rivalry game; home team/die hard fan/home and away; "
                    + "kickoff/kick off/tip off; championship/title race/trophy"),
            taste("music lover",
                    "concert/concerts/gig/gigs; vinyl/records/crate digging/turntable; "
                    + "playlist/playlists/mixtape; festival/festivals/glastonbury/coachella; "
                    + "live music/live shows/front row; guitar/guitarist/bass guitar/fender; "
                    + "album/albums/new release/lp; band/bands/bandmates/drummer; spotify/apple music/soundcloud; "
                    + "setlist/encore/soundcheck; songwriter/songwriting/singer songwriter/lyrics"),
            taste("bookworm",
                    "reading/reader/avid reader/currently reading; novel/novels/novelist; "
                    + "book club/bookclub/book group; library/libraries/library card; bookstagram/booktok/booktube; "
                    + "fiction/literary fiction/sci fi/fantasy books; "
                    + "paperback/paperbacks/hardbacks/first editions; author/writer/aspiring author; "
                    + "tbr/tbr pile/to be read; literary/lit/classics; audiobook/audiobooks/audible; "
                    + "kindle/ereader/kobo"),
            taste("home gardener",
                    "garden/gardener/gardening/in the garden; seedlings/seed starting/sowing; "
                    + "tomatoes/chillies/veg patch; raised bed/raised beds/no dig; "
                    + "houseplants/house plants/plant parent/monstera; pruning/secateurs/deadheading; "
                    + "perennials/cottage garden/borders; greenhouse/polytunnel/cold frame; "
                    + "mulch/mulching/leaf mould; allotment/allotmenteer/plot; succulents/cacti/cactus; "
                    + "bulbs/tulips/daffodils/dahlias"),
            taste("car enthusiast",
                    "car/cars/petrolhead/gearhead; horsepower/hp/bhp/torque; turbo/turbocharged/boost; "
                    + "track day/track days/nurburgring; classic car/classic cars/vintage cars; "
                    + "engine/engines/engine swap; detailing/detailer/ceramic coating; "
                    + "motorsport/f1/formula 1/rally; v8/v12/muscle car; car meet/car meets/car show; "
                    + "drift/drifting/jdm; exhaust/straight pipe/downpipe"),
            taste("outdoor adventurer",
                    "hiking/hiker/hikes; camping/campsite/wild camping; trail/trails/trailhead; "
                    + "summit/summits/peak bagging; tent/bivvy/sleeping bag; climbing/climber/bouldering; "
                    + "kayak/kayaking/canoe/paddling; national park/national parks/state parks; "
                    + "trekking/trekker/thru hike; wilderness/backcountry/off grid; "
                    + "mountaineering/alpinism/mountains; campfire/bonfire/smores"),
            taste("crafter",
                    "knitting/knitter/knits/hand knit; crochet/crocheter/amigurumi; sewing/sewist/sewing machine; "
                    + "quilting/quilter/quilts; yarn/yarnie/wool/merino; embroidery/embroider/stitching; "
                    + "scrapbooking/scrapbook/papercraft; handmade/hand made/made by hand; "
                    + "cross stitch/xstitch/needlepoint; fabric/fabrics/fat quarters; "
                    + "pattern/patterns/pattern designer; etsy shop/etsy seller/craft fair"),
            taste("coffee lover",
                    "espresso/espressos/double shot; latte art/latte/lattes; barista/baristas/home barista; "
                    + "cold brew/iced brew/nitro; pour over/v60/chemex/filter brew; "
                    + "coffee beans/single origin/specialty beans; cappuccino/cappuccinos/cortado; "
                    + "roastery/roaster/home roasting; french press/cafetiere/moka pot; "
                    + "flat white/flat whites/macchiato; caffeine/caffeinated/caffeine fix; "
                    + "aeropress/grinder/burr grinder"),
            taste("investor",
                    "investing/investor/investments; stocks/stock market/equities/shares; "
                    + "dividends/dividend income/dividend growth; portfolio/portfolios/asset allocation; "
                    + "etf/etfs/vanguard; index funds/index investing/passive investing; "
                    + "crypto/bitcoin/ethereum/hodl; bull market/bear market/market crash; "
                    + "compound interest/compounding/snowball; trading/day trader/options trading; "
                    + "real estate/property investor/rental income; "
                    + "fire movement/financial independence/retire early/fatfire"),
            taste("student",
                    "exams/exam season/revision; campus/campus life/uni life; study group/study buddy/studygram; "
                    + "finals/finals week/midterms; dorm/dorm room/halls; lecture/lectures/lecture hall; "
                    + "thesis/dissertation/phd life; scholarship/scholarships/bursary; "
                    + "semester/freshman year/fresher; student loan/student debt/tuition fees; "
                    + "homework/assignments/coursework; graduation/grad/class of 2026"),
            taste("small business owner",
                    "small business/small biz/smallbiz/shop small; entrepreneur/entrepreneurship/solopreneur; "
                    + "invoicing/invoices/accounts payable; customers/clients/customer service; "
                    + "shopify/woocommerce/online store; bookkeeping/quickbooks/xero; "
                    + "local business/shop local/high street shops; payroll/employees/hiring; "
                    + "marketing tips/digital marketing/smm; side hustle/sidehustle/side gig; "
                    + "sales/sales funnel/leads; b2b/saas/b2b sales"),
            taste("beauty lover",
                    "skincare/skin care/skincare routine; makeup/make up/mua/makeup artist; "
                    + "lipstick/lipsticks/lip gloss; serum/serums/retinol/niacinamide; mascara/lashes/lash lift; "
                    + "beauty routine/beauty tips/grwm; foundation/concealer/contour; "
                    + "nail art/nails/gel nails/manicure; moisturizer/moisturiser/hydration; glow/glowy skin/dewy; "
                    + "palette/eyeshadow/palettes; sunscreen/spf/spf50"),
            taste("movie buff",
                    "movies/films/moviegoer; cinema/cinephile/picture house; film review/film reviews/letterboxd; "
                    + "director/directors/auteur; box office/opening weekend/premiere; "
                    + "oscars/academy awards/awards season; screenplay/screenwriter/screenwriting; "
                    + "trailer/trailers/teaser; blockbuster/blockbusters/marvel; "
                    + "indie film/indie films/a24/arthouse; popcorn/movie night/double feature; "
                    + "sequel/sequels/franchise/reboot"),
            taste("photographer",
                    "photography/photographer/photog/shooter; camera/cameras/canon/nikon/sony alpha/fujifilm; "
                    + "lens/lenses/prime lens/50mm; aperture/bokeh/wide open; golden hour/blue hour/sunset shots; "
                    + "portrait/portraits/headshots/portraiture; landscape photo/landscapes/landscape photography; "
                    + "lightroom/photoshop/editing presets; tripod/long exposure/nd filter; "
                    + "shutter/shutter speed/shutterbug; mirrorless/dslr/film camera/35mm; "
                    + "street photography/street photographer/candid"),
            taste("wellness seeker",
                    "yoga/yogi/vinyasa/yoga teacher; meditation/meditate/meditating; "
                    + "mindfulness/mindful/being present; self care/selfcare/me time; "
                    + "breathwork/pranayama/breathing exercises; retreat/retreats/wellness retreat; "
                    + "journaling/journal/morning pages; spa day/spa/massage; gratitude/grateful heart/thankful; "
                    + "sound bath/sound healing/singing bowls; reiki/energy healing/crystals/chakras; "
                    + "inner peace/zen/calm mind"),
            taste("home decor lover",
                    "interior design/interiors/interior designer; home decor/homedecor/decor; cozy/cosy/hygge; "
                    + "throw pillows/cushions/throws; scandinavian/scandi/nordic style; "
                    + "mid century/mcm/mid century modern; rug/rugs/vintage rugs; candles/candle/scented candles; "
                    + "shelf styling/shelfie/bookshelf styling; paint colors/paint colours/farrow and ball; "
                    + "ikea/ikea hack/flat pack; accent wall/feature wall/wallpaper"),
            taste("wine connoisseur",
                    "wine/wines/vino; vineyard/vineyards/vines; sommelier/somm/wine educator; "
                    + "merlot/malbec/shiraz; wine tasting/wine tastings/tasting notes; pinot noir/pinot/burgundy; "
                    + "cabernet/cab sav/bordeaux; rosé/rose wine/provence rosé; winery/wineries/cellar door; "
                    + "natural wine/orange wine/biodynamic; decanter/wine cellar/corkscrew; "
                    + "grand cru/premier cru/vintage port"),
            taste("craft beer fan",
                    "craft beer/craft beers/craftbeer; ipa/ipas/neipa/hazy ipa; brewery/breweries/microbrewery; "
                    + "stout/stouts/baltic porter/imperial stout; homebrew/homebrewer/homebrewing; hops/hoppy/citra; "
                    + "taproom/tap room/brewpub; lager/lagers/pilsner; pint/pints/pint glass; sour beer/sours/gose; "
                    + "beer festival/beer fest/oktoberfest; growler/crowler/beer cans"),
            taste("anime fan",
                    "anime/animes/weeb; manga/mangaka/manhwa; cosplay/cosplayer/cosplays; "
                    + "otaku/weeaboo/seasonal anime; shonen/shounen/one piece/naruto; "
                    + "studio ghibli/ghibli/miyazaki; mecha/gundam/evangelion; "
                    + "isekai/slice of life/transported to another world; crunchyroll/funimation/simulcast; "
                    + "anime expo/anime con/comic con; figures/figurines/nendoroid; "
                    + "light novel/light novels/web novel"),
            taste("history buff",
                    "history/historical/historic; museum/museums/museum visits; "
                    + "archaeology/archaeologist/excavation; ancient rome/roman empire/romans; world war/ww2/wwii; "
                    + "medieval/middle ages/knights; castles/castle/fortress; documentary/documentaries/docuseries; "
                    + "artifacts/artefacts/relics; historian/historians/history teacher; dynasty/dynasties/tudors; "
                    + "archives/archive/old maps"),
            taste("runner",
                    "running/runner/run club; 5k/10k/couch to 5k; half marathon/marathon/marathoner; "
                    + "trail running/trail runner/fell running; pace/pacing/pacer; "
                    + "running shoes/carbon plates/hokas; strava/garmin/strava kudos; parkrun/parkrunner/parkruns; "
                    + "ultramarathon/ultra runner/ultras; splits/negative splits/intervals; "
                    + "tempo run/long run/easy miles; race day/race bib/finish line/pb"),
            taste("cyclist",
                    "cycling/cyclist/bike rides; road bike/road cycling/carbon frame; "
                    + "peloton/zwift/indoor cycling; bike commute/bike commuter/cycle to work; "
                    + "mountain bike/mtb/singletrack; gravel ride/gravel bike/gravel; "
                    + "bike lane/bike lanes/cycle path; cadence/watts/ftp; tour de france/giro/grand tour; "
                    + "chainring/cassette/groupset; velodrome/track cycling/fixie; bikepacking/bike touring/audax"),
            taste("astronomy geek",
                    "astronomy/astronomer/astro; telescope/telescopes/dobsonian; nasa/esa/jpl; "
                    + "rocket launch/launches/liftoff; stargazing/stargazer/dark skies; nebula/nebulae/orion; "
                    + "exoplanet/exoplanets/jwst; mars/red planet/rover; eclipse/eclipses/totality; "
                    + "astrophotography/astrophoto/deep sky; spacex/starship/falcon 9; galaxy/galaxies/milky way"),
            taste("board gamer",
                    "board games/boardgames/board gaming; dungeons and dragons/dnd/ttrpg; "
                    + "tabletop/tabletop games/tabletop gaming; meeple/meeples/worker placement; "
                    + "dice/dice goblin/d20; catan/ticket to ride/wingspan; "
                    + "card game/card games/magic the gathering/mtg; game night/games night/game nights; "
                    + "miniatures/minis/warhammer; dungeon master/dm/game master; "
                    + "deck building/deckbuilding/deckbuilder; chess/chess player/lichess"),
            taste("cause supporter",
                    "volunteering/volunteer/volunteers; charity/charities/charity work; "
                    + "fundraiser/fundraising/fundraise; nonprofit/non profit/ngo; "
                    + "community service/community organiser/grassroots; donate/donations/giving tuesday; "
                    + "food bank/foodbank/soup kitchen; activism/activist/activists; "
                    + "petition/petitions/sign the petition; social justice/equality/human rights; "
                    + "mutual aid/solidarity/community fridge; advocacy/advocate/campaigner"),
            taste("home baker",
                    "baking/baker/bakes/home bakes; cupcakes/cupcake/fairy cakes; pastry/pastries/patisserie; "
                    + "croissant/croissants/laminated dough; cake decorating/cake decorator/buttercream; "
                    + "cookies/cookie/biscuits; frosting/icing/ganache; macarons/macaron/meringue; "
                    + "stand mixer/kitchenaid/mixer; pie crust/pies/tarts; brownies/blondies/traybakes; "
                    + "bake sale/bake off/gbbo"));
    // spotless:on

    private TasteSynonyms() {}

    /** The synonym groups of need theme {@code theme} (its index in {@link NeedCatalogue#THEMES}). */
    static List<List<String>> groups(int theme) {
        String need = NeedCatalogue.THEMES.get(theme).need();
        List<List<String>> groups = BY_NEED.get(need);
        if (groups == null) {
            throw new IllegalStateException("no synonym groups for need theme '" + need + "'");
        }
        return groups;
    }

    private static Map.Entry<String, List<List<String>>> taste(String need, String groups) {
        return Map.entry(
                need,
                Arrays.stream(groups.split(";"))
                        .map(group -> Arrays.stream(group.split("/"))
                                .map(String::trim)
                                .toList())
                        .collect(Collectors.toUnmodifiableList()));
    }
}
