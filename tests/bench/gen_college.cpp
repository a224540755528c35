// bpv-gen-college: writes a synthetic college for the import benchmark.
//
//   bpv-gen-college --placements N --out DIR [--entries-per-placement K] [--seed S]
//                   [--start YYYY-MM-DD]
//
// Writes DIR/placements.csv (one placement per student) and DIR/hours.csv (K entries per
// placement on consecutive working days). The output depends only on the arguments: the same
// seed gives the same bytes on every platform, so the random numbers come from our own
// generator and our own bounded draws, never from <random>'s distributions.
//
// Shape: one company per 20 students, two trainers per company, one school supervisor per 25
// students. Each company offers one programme. Placements start on the --start Monday or up to
// three weeks later and end on the Friday of the week of their last entry. Approval goes by
// week, so the entries of the first whole weeks that make up at most 80% of a placement are
// `approved`, the rest `submitted`.
//
// Files are written to a temporary name and renamed when complete, so a crash never leaves a
// half-written file that looks finished.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_set>
#include <vector>

namespace {

namespace chr = std::chrono;
namespace fs = std::filesystem;

constexpr std::string_view k_usage =
    "usage: bpv-gen-college --placements N --out DIR [--entries-per-placement K] [--seed S]\n"
    "                       [--start YYYY-MM-DD]\n"
    "\n"
    "Writes DIR/placements.csv and DIR/hours.csv: N placements with K hour entries each\n"
    "(default K=160, 32 weeks of 5 working days), deterministic for a seed (default 1).\n"
    "--start is the Monday the first placements start on (default 2026-02-02).\n";

constexpr std::string_view k_placements_header =
    "student_number,student_name,student_email,student_phone,birth_date,programme,crebo,level,"
    "track,company_name,company_city,trainer_name,trainer_email,trainer_phone,supervisor_name,"
    "supervisor_email,supervisor_phone,start_date,end_date,contract_hours,hours_per_week,"
    "vacation_hours_allowed,hours_per_day\n";
constexpr std::string_view k_hours_header = "student_number,date,hours,activity,status\n";

constexpr int k_students_per_company = 20;
constexpr int k_trainers_per_company = 2;
constexpr int k_students_per_supervisor = 25;
constexpr int k_first_student_number = 1000001;
constexpr int k_max_start_delay_weeks = 3;
constexpr int k_max_entries_per_placement = 5 * 52 * 4;
constexpr int k_max_placements = 8'999'999;  // student numbers stay at 7 digits

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class IoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Options {
  long placements = 0;
  fs::path out;
  int entries_per_placement = 160;
  std::uint64_t seed = 1;
  chr::sys_days start = chr::sys_days{chr::year{2026} / chr::February / 2};
};

// splitmix64: tiny, fast, and specified here, so a seed means the same data everywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : m_state(seed) {}

  // Seeds a stream for one entity (`kind`, `id`) of a run, independent of the order in which
  // entities are generated.
  static Rng for_entity(std::uint64_t seed, std::uint64_t kind, std::uint64_t id) {
    Rng mixer(seed ^ (kind * 0x9E3779B97F4A7C15ULL));
    mixer.m_state ^= id * 0xD1B54A32D192ED03ULL;
    return Rng(mixer.next());
  }

  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  // A number in [0, bound), by multiply-shift (Lemire) without rejection: the bias is below
  // 2^-32 for our bounds and the result stays deterministic.
  std::uint32_t below(std::uint32_t bound) {
    return static_cast<std::uint32_t>(((next() >> 32) * bound) >> 32);
  }

  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[below(static_cast<std::uint32_t>(N))];
  }

 private:
  std::uint64_t m_state;
};

enum EntityKind : std::uint64_t {
  k_kind_student = 1,
  k_kind_company = 2,
  k_kind_trainer = 3,
  k_kind_supervisor = 4,
  k_kind_hours = 5,
  k_kind_assignment = 6,
};

constexpr std::array<std::string_view, 48> k_first_names = {
    "Daan",  "Sem",   "Lucas", "Noah",  "Liam",     "Bram",   "Thijs",  "Jesse", "Finn",   "Milan",
    "Luuk",  "Ruben", "Emma",  "Julia", "Mila",     "Sophie", "Tess",   "Yara",  "Fenna",  "Anouk",
    "Lotte", "Sanne", "Iris",  "Saar",  "Mohammed", "Ayoub",  "Yassin", "Bilal", "Fatima", "Noor",
    "Aya",   "Salma", "Emre",  "Ömer",  "Hüseyin",  "Zeynep", "Elif",   "Büşra", "Chloë",  "Zoë",
    "Noël",  "Aïcha", "Inés",  "José",  "Mateo",    "Wiktor", "Dewi",   "Priya"};

constexpr std::array<std::string_view, 48> k_surnames = {
    "Jansen",   "de Vries",     "van den Berg",   "Bakker",    "Visser",
    "Smit",     "Meijer",       "de Boer",        "Mulder",    "de Groot",
    "Bos",      "Vos",          "Peters",         "Hendriks",  "van Leeuwen",
    "Dekker",   "Brouwer",      "de Wit",         "Dijkstra",  "Smits",
    "de Graaf", "van der Meer", "van der Linden", "Kok",       "Jacobs",
    "de Haan",  "Vermeulen",    "van den Heuvel", "van Dijk",  "Boukhari",
    "Çelik",    "Özdemir",      "Yılmaz",         "Şahin",     "Kaya",
    "Demir",    "El Amrani",    "Bouzid",         "Ait Taleb", "Sánchez",
    "García",   "Rodríguez",    "Nguyễn",         "Kowalski",  "Wiśniewska",
    "Müller",   "Pinas",        "Tjon A Fong"};

constexpr std::array<std::string_view, 24> k_cities = {
    "Utrecht", "Amersfoort",       "Nieuwegein", "Zeist",  "Houten",    "Veenendaal", "IJsselstein",
    "Woerden", "'s-Hertogenbosch", "Den Haag",   "Leiden", "Gouda",     "Almere",     "Hilversum",
    "Ede",     "Arnhem",           "Zwolle",     "Tiel",   "Culemborg", "Maarssen",   "Vianen",
    "Bunnik",  "De Bilt",          "Soest"};

constexpr std::array<std::string_view, 5> k_legal_forms = {" B.V.", "", " V.O.F.", " & Zn.",
                                                           " Groep"};

struct Programme {
  std::string_view name;
  std::string_view crebo;
  std::string_view level;
  std::array<std::string_view, 3> company_words;  // "Bakker Zorg B.V."
  std::array<std::string_view, 8> activities;
};

constexpr std::array<Programme, 10> k_programmes = {{
    {"Software Developer",
     "25604",
     "4",
     {"Software", "IT Solutions", "Digital"},
     {"Code review", "Bug in het klantportaal opgelost", "Unittests geschreven",
      "Stand-up en sprintplanning", "API-koppeling gebouwd", "Database-query's geoptimaliseerd",
      "Documentatie bijgewerkt", "Pair programming met collega"}},
    {"Verzorgende IG",
     "25491",
     "3",
     {"Zorg", "Thuiszorg", "Zorggroep"},
     {"Ochtendzorg en medicatie", "Cliëntoverdracht", "Wondzorg onder begeleiding",
      "Zorgplan bijgewerkt", "Activiteiten met bewoners", "Gesprek met familie",
      "Rapportage in het ECD", "Avonddienst meegelopen"}},
    {"Kok",
     "25180",
     "2",
     {"Catering", "Eten & Drinken", "Horeca"},
     {"Mise-en-place", "Voorraad bijgewerkt", "Lunchservice", "Koude keuken",
      "Sauzen en fonds gemaakt", "Keuken schoongemaakt (HACCP)", "Bestelling ontvangen",
      "Diner à la carte"}},
    {"Mediavormgever",
     "25591",
     "4",
     {"Media", "Design", "Studio"},
     {"Huisstijl uitgewerkt", "Social-mediacampagne", "Fotoshoot voorbereid", "Video gemonteerd",
      "Klantgesprekken en administratie", "Drukproef gecontroleerd", "Webdesign in Figma",
      "Animatie gemaakt"}},
    {"Pedagogisch medewerker kinderopvang",
     "25698",
     "3",
     {"Kinderopvang", "Kids", "BSO"},
     {"Groepsactiviteit begeleid", "Observatie geschreven", "Oudergesprek bijgewoond",
      "Buitenspel begeleid", "Knutselactiviteit voorbereid", "Overdracht aan collega",
      "Voorlezen en kringgesprek", "Teamoverleg"}},
    {"Eerste monteur elektrotechnische installaties",
     "25455",
     "3",
     {"Installatietechniek", "Elektro", "Techniek"},
     {"Groepenkast aangesloten", "Bekabeling getrokken", "Storing verholpen", "Metingen en keuring",
      "Werkbon ingevuld", "Materiaal besteld", "Zonnepanelen gemonteerd", "Toolbox-meeting"}},
    {"Logistiek medewerker",
     "25358",
     "2",
     {"Logistiek", "Transport", "Distributie"},
     {"Orders verzameld", "Voorraad bijgewerkt", "Inkomende goederen gecontroleerd",
      "Heftruckcertificaat geoefend", "Retouren verwerkt", "Magazijn opgeruimd",
      "Zendingen klaargezet", "Inventarisatie"}},
    {"Doktersassistent",
     "25408",
     "4",
     {"Huisartsenpraktijk", "Gezondheidscentrum", "Medisch"},
     {"Telefonische triage", "Bloeddruk gemeten", "Spreekuur ondersteund", "Verwijzingen verwerkt",
      "Klantgesprekken en administratie", "Instrumenten gesteriliseerd", "Herhaalrecepten",
      "Uitstrijkjes onder begeleiding"}},
    {"Allround medewerker IT systems and devices",
     "25606",
     "3",
     {"ICT", "Systeembeheer", "IT"},
     {"Laptops uitgerold", "Helpdesktickets afgehandeld", "Netwerkkast opgeruimd",
      "Back-up gecontroleerd", "Accounts aangemaakt", "Printer gerepareerd",
      "Software-updates uitgerold", "Documentatie bijgewerkt"}},
    {"Verkoopmedewerker",
     "25689",
     "2",
     {"Retail", "Winkels", "Mode"},
     {"Klanten geholpen", "Vakken gevuld", "Kassadienst", "Etalage ingericht",
      "Voorraad bijgewerkt", "Prijswijzigingen doorgevoerd", "Retouren verwerkt", "Teamoverleg"}},
}};

constexpr std::array<std::string_view, 3> k_trainer_titles = {"", "", "ing. "};

// A parsed YYYY-MM-DD, or nothing.
std::optional<chr::sys_days> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  auto number = [&](std::size_t at, std::size_t len, auto& value) {
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + len, value);
    return ec == std::errc{} && end == text.data() + at + len;
  };
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) {
    return std::nullopt;
  }
  chr::year_month_day ymd{chr::year{y}, chr::month{m}, chr::day{d}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return chr::sys_days{ymd};
}

std::string format_date(chr::sys_days day) {
  chr::year_month_day ymd{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

template <typename T>
T parse_number(std::string_view option, std::string_view text, T min, T max) {
  T value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
    throw UsageError(
        fmt::format("{}: expected a whole number from {} to {}, got '{}'", option, min, max, text));
  }
  return value;
}

Options parse_options(int argc, char** argv) {
  Options options;
  bool have_placements = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::fwrite(k_usage.data(), 1, k_usage.size(), stdout);
      std::exit(0);
    }
    // Accept both "--opt value" and "--opt=value".
    std::string_view name = arg;
    std::optional<std::string_view> value;
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    auto take_value = [&]() -> std::string_view {
      if (value) {
        return *value;
      }
      if (i + 1 >= argc) {
        throw UsageError(fmt::format("{}: missing value", name));
      }
      return argv[++i];
    };
    if (name == "--placements") {
      options.placements = parse_number<long>(name, take_value(), 1, k_max_placements);
      have_placements = true;
    } else if (name == "--out") {
      options.out = fs::path(std::string(take_value()));
    } else if (name == "--entries-per-placement") {
      options.entries_per_placement =
          parse_number<int>(name, take_value(), 1, k_max_entries_per_placement);
    } else if (name == "--seed") {
      options.seed = parse_number<std::uint64_t>(name, take_value(), 0, UINT64_MAX);
    } else if (name == "--start") {
      std::string_view text = take_value();
      auto day = parse_date(text);
      if (!day) {
        throw UsageError(fmt::format("--start: expected a date YYYY-MM-DD, got '{}'", text));
      }
      if (chr::weekday{*day} != chr::Monday) {
        throw UsageError(fmt::format("--start: {} is not a Monday", text));
      }
      options.start = *day;
    } else {
      throw UsageError(fmt::format("unknown option '{}'", arg));
    }
  }
  if (!have_placements) {
    throw UsageError("--placements is required");
  }
  if (options.out.empty()) {
    throw UsageError("--out is required");
  }
  return options;
}

bool needs_quotes(std::string_view field) {
  return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

// Appends `field` as one RFC 4180 CSV field.
void append_field(fmt::memory_buffer& out, std::string_view field) {
  if (!needs_quotes(field)) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') {
      out.push_back('"');
    }
    out.push_back(c);
  }
  out.push_back('"');
}

std::string csv_field(std::string_view field) {
  fmt::memory_buffer out;
  append_field(out, field);
  return fmt::to_string(out);
}

// "de Vries" leads a company name as "De Vries".
std::string capitalized(std::string_view name) {
  std::string result(name);
  if (!result.empty() && result[0] >= 'a' && result[0] <= 'z') {
    result[0] = static_cast<char>(result[0] - 'a' + 'A');
  }
  return result;
}

// Writes a file through a large buffer to `path` + ".tmp", renamed to `path` by commit().
class OutputFile {
 public:
  explicit OutputFile(fs::path path)
      : m_path(std::move(path)), m_tmp_path(m_path.string() + ".tmp") {
    m_file = std::fopen(m_tmp_path.c_str(), "wb");
    if (m_file == nullptr) {
      throw IoError(fmt::format("{}: {}", m_tmp_path.string(), std::strerror(errno)));
    }
    m_buffer.resize(k_buffer_size);
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile() {
    if (m_file != nullptr) {
      std::fclose(m_file);
      std::error_code ignored;
      fs::remove(m_tmp_path, ignored);
    }
  }

  // Room for at least `bytes` more bytes; valid until the next call.
  char* reserve(std::size_t bytes) {
    if (m_used + bytes > m_buffer.size()) {
      flush();
      if (bytes > m_buffer.size()) {
        m_buffer.resize(bytes);
      }
    }
    return m_buffer.data() + m_used;
  }
  void advance(std::size_t bytes) { m_used += bytes; }

  void write(std::string_view text) {
    std::memcpy(reserve(text.size()), text.data(), text.size());
    advance(text.size());
  }

  void commit() {
    flush();
    std::FILE* file = m_file;
    m_file = nullptr;
    if (std::fclose(file) != 0) {
      throw IoError(fmt::format("{}: {}", m_tmp_path.string(), std::strerror(errno)));
    }
    std::error_code error;
    fs::rename(m_tmp_path, m_path, error);
    if (error) {
      throw IoError(fmt::format("{}: {}", m_path.string(), error.message()));
    }
  }

 private:
  static constexpr std::size_t k_buffer_size = std::size_t{8} << 20;

  void flush() {
    if (m_used > 0 && std::fwrite(m_buffer.data(), 1, m_used, m_file) != m_used) {
      throw IoError(fmt::format("{}: {}", m_tmp_path.string(), std::strerror(errno)));
    }
    m_used = 0;
  }

  fs::path m_path;
  fs::path m_tmp_path;
  std::FILE* m_file = nullptr;
  std::vector<char> m_buffer;
  std::size_t m_used = 0;
};

std::string phone(std::string_view prefix, Rng& rng, int digits) {
  std::string result(prefix);
  for (int i = 0; i < digits; ++i) {
    result.push_back(static_cast<char>('0' + rng.below(10)));
  }
  return result;
}

std::string person_name(Rng& rng) {
  return fmt::format("{} {}", rng.pick(k_first_names), rng.pick(k_surnames));
}

struct Person {
  std::string name;
  std::string email;
  std::string phone;
};

struct Company {
  std::string name;  // CSV-ready
  std::string city;  // CSV-ready
  std::uint32_t programme = 0;
};

// What hours.csv needs to know about a placement.
struct PlacementDays {
  std::uint32_t programme = 0;
  std::uint32_t start_offset = 0;  // days after --start
};

// A random permutation of 0..n-1 (Fisher-Yates).
std::vector<std::uint32_t> shuffled(std::uint32_t n, Rng rng) {
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    order[i] = i;
  }
  for (std::uint32_t i = n; i > 1; --i) {
    std::swap(order[i - 1], order[rng.below(i)]);
  }
  return order;
}

std::vector<Company> make_companies(const Options& options, std::uint32_t count) {
  std::vector<Company> companies;
  companies.reserve(count);
  std::unordered_set<std::string> used_names;
  for (std::uint32_t c = 0; c < count; ++c) {
    Rng rng = Rng::for_entity(options.seed, k_kind_company, c);
    Company company;
    company.programme = rng.below(static_cast<std::uint32_t>(k_programmes.size()));
    const Programme& programme = k_programmes[company.programme];
    std::string name;
    for (int attempt = 0; attempt < 8 && (name.empty() || used_names.contains(name)); ++attempt) {
      name = fmt::format("{} {}{}", capitalized(rng.pick(k_surnames)),
                         rng.pick(programme.company_words), rng.pick(k_legal_forms));
    }
    if (used_names.contains(name)) {
      name = fmt::format("{} {} {}", capitalized(rng.pick(k_surnames)), programme.company_words[0],
                         c + 1);
    }
    used_names.insert(name);
    company.name = csv_field(name);
    company.city = csv_field(rng.pick(k_cities));
    companies.push_back(std::move(company));
  }
  return companies;
}

Person make_trainer(const Options& options, std::uint32_t id) {
  Rng rng = Rng::for_entity(options.seed, k_kind_trainer, id);
  std::string name = fmt::format("{}{}", rng.pick(k_trainer_titles), person_name(rng));
  return {csv_field(name), fmt::format("t{}@bedrijf.example.nl", id + 1), phone("030-", rng, 7)};
}

Person make_supervisor(const Options& options, std::uint32_t id) {
  Rng rng = Rng::for_entity(options.seed, k_kind_supervisor, id);
  return {csv_field(person_name(rng)), fmt::format("b{}@school.example.nl", id + 1),
          phone("088-", rng, 7)};
}

// A birth date that makes the student 16 to 25 (mostly 17 to 19) on `start`.
chr::sys_days birth_date(chr::sys_days start, Rng& rng) {
  auto age = 16 + std::min({rng.below(10), rng.below(10), rng.below(10) + 1});
  chr::year_month_day ymd{start};
  chr::year_month_day birthday = ymd - chr::years{age};
  if (!birthday.ok()) {  // 29 February
    birthday = birthday.year() / birthday.month() / chr::last;
  }
  // Up to 364 days before the birthday that makes them `age`, so still `age` on `start`.
  return chr::sys_days{birthday} - chr::days{rng.below(365)};
}

// Number of weeks that hold `entries` working days, and the entries approved.
int weeks_for(int entries) {
  return (entries + 4) / 5;
}
int approved_entries(int entries) {
  return (entries * 8 / 10) / 5 * 5;
}

std::vector<PlacementDays> write_placements(const Options& options) {
  const auto n = static_cast<std::uint32_t>(options.placements);
  const std::uint32_t company_count = (n + k_students_per_company - 1) / k_students_per_company;
  const std::uint32_t supervisor_count =
      (n + k_students_per_supervisor - 1) / k_students_per_supervisor;
  const int weeks = weeks_for(options.entries_per_placement);
  const int contract_hours = weeks * 25;

  std::vector<Company> companies = make_companies(options, company_count);
  std::vector<Person> trainers;
  trainers.reserve(std::size_t{company_count} * k_trainers_per_company);
  for (std::uint32_t t = 0; t < company_count * k_trainers_per_company; ++t) {
    trainers.push_back(make_trainer(options, t));
  }
  std::vector<Person> supervisors;
  supervisors.reserve(supervisor_count);
  for (std::uint32_t b = 0; b < supervisor_count; ++b) {
    supervisors.push_back(make_supervisor(options, b));
  }
  // Students meet companies and supervisors in random order, not in student-number order.
  std::vector<std::uint32_t> company_slot =
      shuffled(n, Rng::for_entity(options.seed, k_kind_assignment, 1));
  std::vector<std::uint32_t> supervisor_slot =
      shuffled(n, Rng::for_entity(options.seed, k_kind_assignment, 2));

  std::vector<PlacementDays> days(n);
  OutputFile file(options.out / "placements.csv");
  file.write(k_placements_header);
  fmt::memory_buffer row;
  for (std::uint32_t i = 0; i < n; ++i) {
    Rng rng = Rng::for_entity(options.seed, k_kind_student, i);
    const std::uint32_t slot = company_slot[i];
    const Company& company = companies[slot / k_students_per_company];
    const Person& trainer = trainers[slot / k_students_per_company * k_trainers_per_company +
                                     slot % k_trainers_per_company];
    const Person& supervisor = supervisors[supervisor_slot[i] / k_students_per_supervisor];
    const Programme& programme = k_programmes[company.programme];

    const std::uint32_t start_offset = 7 * rng.below(k_max_start_delay_weeks + 1);
    const chr::sys_days start = options.start + chr::days{start_offset};
    const chr::sys_days end = start + chr::days{7 * (weeks - 1) + 4};
    days[i] = {company.programme, start_offset};

    const int number = k_first_student_number + static_cast<int>(i);
    const std::string_view track = rng.below(10) < 7 ? "BOL" : "BBL";
    const std::string_view vacation_allowed = rng.below(50) == 0 ? "yes" : "no";
    std::string student_phone = phone("06", rng, 8);

    row.clear();
    auto out = std::back_inserter(row);
    fmt::format_to(out, "{},", number);
    append_field(row, person_name(rng));
    fmt::format_to(out, ",s{}@student.example.nl,{},{},", number, student_phone,
                   format_date(birth_date(start, rng)));
    append_field(row, programme.name);
    fmt::format_to(out, ",{},{},{},{},{},{},{},{},{},{},{},{},{},{},32,{},8\n", programme.crebo,
                   programme.level, track, company.name, company.city, trainer.name, trainer.email,
                   trainer.phone, supervisor.name, supervisor.email, supervisor.phone,
                   format_date(start), format_date(end), contract_hours, vacation_allowed);
    file.write({row.data(), row.size()});
  }
  file.commit();
  return days;
}

void write_hours(const Options& options, const std::vector<PlacementDays>& placements) {
  const int entries = options.entries_per_placement;
  const int approved = approved_entries(entries);

  // Every date a placement can use, formatted once.
  const int day_count = 7 * (weeks_for(entries) + k_max_start_delay_weeks);
  std::vector<std::array<char, 10>> dates(static_cast<std::size_t>(day_count));
  for (int d = 0; d < day_count; ++d) {
    std::string text = format_date(options.start + chr::days{d});
    std::memcpy(dates[static_cast<std::size_t>(d)].data(), text.data(), 10);
  }
  // Day offsets of entry k from the placement's start: Monday to Friday of each week.
  std::vector<std::uint32_t> entry_offset(static_cast<std::size_t>(entries));
  for (int k = 0; k < entries; ++k) {
    entry_offset[static_cast<std::size_t>(k)] = static_cast<std::uint32_t>(k / 5 * 7 + k % 5);
  }
  // Activities as CSV fields, each followed by the comma.
  std::vector<std::vector<std::string>> activities;
  for (const Programme& programme : k_programmes) {
    auto& fields = activities.emplace_back();
    for (std::string_view activity : programme.activities) {
      fields.push_back(csv_field(activity) + ",");
    }
  }
  constexpr std::string_view k_approved = "approved\n";
  constexpr std::string_view k_submitted = "submitted\n";

  OutputFile file(options.out / "hours.csv");
  file.write(k_hours_header);
  for (std::size_t i = 0; i < placements.size(); ++i) {
    Rng rng = Rng::for_entity(options.seed, k_kind_hours, i);
    char number[16];
    auto number_end = fmt::format_to(number, "{},", k_first_student_number + i);
    const auto number_size = static_cast<std::size_t>(number_end - number);
    const auto& notes = activities[placements[i].programme];
    const auto note_count = static_cast<std::uint32_t>(notes.size());

    for (int k = 0; k < entries; ++k) {
      const std::uint64_t r = rng.next();
      const auto hours_roll = static_cast<std::uint32_t>(r % 100);
      const std::string_view hours = hours_roll < 85 ? "8," : hours_roll < 95 ? "7.5," : "6,";
      const std::string& note = notes[static_cast<std::uint32_t>(((r >> 32) * note_count) >> 32)];
      const std::string_view status = k < approved ? k_approved : k_submitted;
      const auto& date =
          dates[placements[i].start_offset + entry_offset[static_cast<std::size_t>(k)]];

      const std::size_t size =
          number_size + date.size() + 1 + hours.size() + note.size() + status.size();
      char* p = file.reserve(size);
      std::memcpy(p, number, number_size);
      p += number_size;
      std::memcpy(p, date.data(), date.size());
      p += date.size();
      *p++ = ',';
      std::memcpy(p, hours.data(), hours.size());
      p += hours.size();
      std::memcpy(p, note.data(), note.size());
      p += note.size();
      std::memcpy(p, status.data(), status.size());
      file.advance(size);
    }
  }
  file.commit();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse_options(argc, argv);
    fs::create_directories(options.out);
    const std::vector<PlacementDays> placements = write_placements(options);
    write_hours(options, placements);

    const chr::sys_days last_entry =
        options.start + chr::days{7 * k_max_start_delay_weeks +
                                  7 * (weeks_for(options.entries_per_placement) - 1) + 4};
    if (last_entry > chr::floor<chr::days>(chr::system_clock::now())) {
      fmt::print(stderr,
                 "bpv-gen-college: note: entries run up to {}, after today; an importer that "
                 "refuses future dates needs a later clock (BPV_NOW or --now)\n",
                 format_date(last_entry));
    }
    return 0;
  } catch (const UsageError& error) {
    fmt::print(stderr, "bpv-gen-college: {}\n\n{}", error.what(), k_usage);
    return 2;
  } catch (const std::exception& error) {
    fmt::print(stderr, "bpv-gen-college: {}\n", error.what());
    return 1;
  }
}
