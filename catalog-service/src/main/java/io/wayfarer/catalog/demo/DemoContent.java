package io.wayfarer.catalog.demo;

import java.util.List;

/** The fixed, believable parts of the demo catalogue: places, guides, themes, reviewers. */
final class DemoContent {

    record Place(String name, String country, String region, String description, List<String> tags) {
    }

    record Guide(String name, String bio, List<String> languages, List<String> specialties) {
    }

    record Theme(String title, String summary, List<String> tags, int minDays, int maxDays, int basePrice) {
    }

    static final List<Place> PLACES = List.of(
            place("Kyoto", "Japan", "Kansai", "Temples, tea houses and quiet gardens.", "temples", "tea", "culture"),
            place("Lijiang", "China", "Yunnan", "Naxi old town under Jade Dragon Snow Mountain.", "old-town", "mountains"),
            place("Dali", "China", "Yunnan", "Erhai lake, Bai villages and three pagodas.", "lakes", "culture"),
            place("Guilin", "China", "Guangxi", "Karst peaks along the Li river.", "rivers", "hiking"),
            place("Yangshuo", "China", "Guangxi", "Cycling between limestone hills and rice fields.", "cycling", "rivers"),
            place("Chengdu", "China", "Sichuan", "Pandas, teahouses and fiery hotpot.", "food", "wildlife"),
            place("Lhasa", "China", "Tibet", "Potala palace and pilgrim circuits at 3,650 m.", "temples", "mountains"),
            place("Xi'an", "China", "Shaanxi", "Terracotta warriors and the Muslim quarter.", "history", "food"),
            place("Hangzhou", "China", "Zhejiang", "West Lake and Longjing tea terraces.", "lakes", "tea"),
            place("Suzhou", "China", "Jiangsu", "Classical gardens and canals.", "gardens", "culture"),
            place("Huangshan", "China", "Anhui", "Granite peaks above a sea of clouds.", "mountains", "hiking"),
            place("Zhangjiajie", "China", "Hunan", "Sandstone pillars and glass walkways.", "hiking", "photography"),
            place("Harbin", "China", "Heilongjiang", "Ice and snow festival in deep winter.", "winter", "festivals"),
            place("Dunhuang", "China", "Gansu", "Mogao caves and singing sand dunes.", "desert", "history"),
            place("Kashgar", "China", "Xinjiang", "Silk Road bazaars and old town lanes.", "markets", "history"),
            place("Xiamen", "China", "Fujian", "Gulangyu island and Hakka roundhouses.", "coast", "architecture"),
            place("Sanya", "China", "Hainan", "Tropical beaches and coral reefs.", "beaches", "diving"),
            place("Hong Kong", "China", "Hong Kong", "Harbour views, dim sum and island trails.", "food", "hiking"),
            place("Macau", "China", "Macau", "Portuguese lanes and Macanese cooking.", "food", "architecture"),
            place("Taipei", "China", "Taiwan", "Night markets and hot springs.", "food", "markets"),
            place("Hanoi", "Vietnam", "Red River Delta", "Old quarter, pho and Ha Long day trips.", "food", "old-town"),
            place("Luang Prabang", "Laos", "Luang Prabang", "Monks at dawn and Mekong sunsets.", "temples", "rivers"),
            place("Chiang Mai", "Thailand", "Northern", "Temples, cooking schools and hill villages.", "food", "temples"),
            place("Siem Reap", "Cambodia", "Siem Reap", "The temples of Angkor.", "temples", "history"),
            place("Bali", "Indonesia", "Bali", "Rice terraces, surf and ceremonies.", "beaches", "culture"),
            place("Kathmandu", "Nepal", "Bagmati", "Durbar squares and Himalayan flights.", "temples", "mountains"),
            place("Pokhara", "Nepal", "Gandaki", "Gateway to the Annapurna circuit.", "trekking", "lakes"),
            place("Seoul", "South Korea", "Seoul", "Palaces, markets and mountain temples.", "food", "culture"),
            place("Ulaanbaatar", "Mongolia", "Töv", "Steppe, gers and the Naadam festival.", "steppe", "festivals"),
            place("Samarkand", "Uzbekistan", "Samarqand", "Registan domes on the Silk Road.", "history", "architecture"),
            place("Reykjavik", "Iceland", "Capital Region", "Northern lights and hot springs.", "winter", "nature"),
            place("Lisbon", "Portugal", "Lisbon", "Trams, tiles and pastel de nata.", "food", "old-town"));

    static final List<Guide> GUIDES = List.of(
            guide("Emma Lin", "Former tea buyer who has walked Yunnan's tea roads for ten years.", "en,zh", "tea,food"),
            guide("Zhou Min", "Mountain guide certified on Huangshan and in the Himalaya.", "zh,en", "hiking,mountains"),
            guide("Kenji Watanabe", "Kyoto-born temple historian and calligrapher.", "ja,en", "temples,culture"),
            guide("Tenzin Dorje", "Grew up in Lhasa; leads pilgrim circuits and monastery stays.", "bo,zh,en", "temples,trekking"),
            guide("Li Wei", "Photographer of karst landscapes and river light.", "zh,en", "photography,rivers"),
            guide("Ana Sousa", "Food writer from Lisbon and Macau.", "pt,en,zh", "food,architecture"),
            guide("Nguyen Thi Mai", "Street-food cook from Hanoi's old quarter.", "vi,en", "food,markets"),
            guide("Bat-Erdene Ganbold", "Horseman and Naadam archer from the Töv steppe.", "mn,en,ru", "steppe,festivals"),
            guide("Aigerim Saparova", "Silk Road historian and bazaar insider.", "uz,ru,en", "history,markets"),
            guide("Sigrid Jónsdóttir", "Glacier guide and aurora chaser.", "is,en", "winter,nature"),
            guide("Chen Yu", "Cycling guide who knows every lane around Yangshuo.", "zh,en", "cycling,rivers"),
            guide("Maya Sharma", "Trek leader on the Annapurna and Langtang circuits.", "ne,hi,en", "trekking,mountains"));

    static final List<Theme> THEMES = List.of(
            theme("Old town walks", "Slow mornings in the lanes, with a local who grew up there", 2, 4, 1200, "walking", "culture"),
            theme("Food trail", "Markets, family kitchens and the dishes locals queue for", 2, 5, 1800, "food"),
            theme("Temples and tea", "Dawn at the temples, afternoons in the tea houses", 3, 6, 2600, "temples", "tea"),
            theme("Mountain trek", "Ridge paths, guesthouses and a summit sunrise", 4, 10, 4200, "hiking", "mountains"),
            theme("Photography week", "Golden hours chosen by a photographer who knows the light", 5, 8, 5600, "photography"),
            theme("Family adventure", "Gentle days planned for children and grandparents alike", 3, 7, 3900, "family"),
            theme("Slow rail journey", "Sleeper trains and stations off the usual route", 6, 12, 6800, "rail"),
            theme("Night markets", "Evenings of street food, music and late lanterns", 1, 3, 800, "markets", "food"),
            theme("Crafts and makers", "Workshops with potters, weavers and calligraphers", 3, 5, 2900, "crafts", "culture"),
            theme("Festival season", "Timed for the region's biggest celebration", 4, 7, 4800, "festivals"));

    static final List<String> EDITIONS = List.of("Classic", "Deluxe", "Off-season", "Small group", "Private");

    static final List<String> REVIEWERS = List.of("Alice Wang", "Ben Carter", "Chloé Martin", "Daniel Kim",
            "Elena Rossi", "Farah Haddad", "Gao Jing", "Hannah Müller", "Ivan Petrov", "Julia Santos", "Kofi Mensah",
            "Liu Yang", "Marta Nowak", "Noah Schmidt", "Olivia Brown", "Priya Nair", "Qian Li", "Rafael Gómez",
            "Sofia Lindqvist", "Tom Becker", "Uma Patel", "Victor Dubois", "Wang Fang", "Yuki Tanaka", "Zhang Wei");

    static final List<String> REVIEW_TEXTS = List.of(
            "Our guide made the place come alive — worth every yuan.",
            "Well paced, small group, great food. Would book again.",
            "Beautiful, though the second day felt rushed.",
            "Hotels were simple but spotless; the walks were the highlight.",
            "Exactly as described. The local family lunch was unforgettable.",
            "Too much time on the bus for my taste.",
            "Stunning views, clear instructions, very safe.",
            "A bit pricey, but the expert's stories were wonderful.");

    private DemoContent() {
    }

    private static Place place(String name, String country, String region, String description, String... tags) {
        return new Place(name, country, region, description, List.of(tags));
    }

    private static Guide guide(String name, String bio, String languages, String specialties) {
        return new Guide(name, bio, List.of(languages.split(",")), List.of(specialties.split(",")));
    }

    private static Theme theme(String title, String summary, int minDays, int maxDays, int basePrice, String... tags) {
        return new Theme(title, summary, List.of(tags), minDays, maxDays, basePrice);
    }
}
