// SMTP over libcurl.
//
// Why libcurl is opened with dlopen: Debian's libcurl loads about thirty libraries with it (TLS,
// HTTP/2, IDN, Kerberos, LDAP, SSH, ...), which took ~12 ms of every bpv-jobs start, while only
// the mail jobs send mail. So the library is loaded when the first SMTP session is opened, as
// libxlsxwriter is for an XLSX export (bpv/process/shared_library.hpp).
#include <bpv/mail/smtp.hpp>

#include <bpv/mail/message.hpp>
#include <bpv/process/shared_library.hpp>

// The functions are called through pointers: curl.h's type-checking macros would rename them.
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace bpv::mail {
namespace {

// The functions bpv uses, resolved once. Each member is named after its function without the
// curl_ prefix.
#define BPV_CURL_FUNCTIONS(X) \
  X(global_init)              \
  X(easy_init)                \
  X(easy_cleanup)             \
  X(easy_setopt)              \
  X(easy_getinfo)             \
  X(easy_perform)             \
  X(easy_strerror)            \
  X(slist_append)             \
  X(slist_free_all)

struct CurlApi {
#define BPV_CURL_MEMBER(name) decltype(&::curl_##name) name = nullptr;
  BPV_CURL_FUNCTIONS(BPV_CURL_MEMBER)
#undef BPV_CURL_MEMBER
};

// Debian 12's libcurl4 (the OpenSSL flavour, as libcurl4-openssl-dev builds against).
constexpr const char* k_curl_library = "libcurl.so.4";

Result<CurlApi> load_curl() {
  BPV_TRY_ASSIGN(auto library,
                 process::SharedLibrary::open(k_curl_library, "sending mail", "libcurl",
                                              "install it (Debian: apt-get install libcurl4)"));
  CurlApi api;
#define BPV_CURL_RESOLVE(name) library.resolve(api.name, "curl_" #name);
  BPV_CURL_FUNCTIONS(BPV_CURL_RESOLVE)
#undef BPV_CURL_RESOLVE
  BPV_TRY(library.complete(LIBCURL_VERSION));
  return api;
}

// libcurl, loaded and initialized once per process.
Result<const CurlApi*> curl_api() {
  static const Result<CurlApi> loaded = [] {
    auto result = load_curl();
    if (result && result->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      return Result<CurlApi>(fail(ErrorKind::unexpected, "cannot start libcurl (curl_global_init failed)"));
    }
    return result;
  }();
  if (!loaded) {
    return std::unexpected(loaded.error());
  }
  return &*loaded;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

// Replaces every occurrence of `secret` in `text`, so no message ever carries the password.
std::string redact(std::string text, const std::string& secret) {
  if (secret.empty()) {
    return text;
  }
  for (std::size_t at = text.find(secret); at != std::string::npos;
       at = text.find(secret, at + 3)) {
    text.replace(at, secret.size(), "***");
  }
  return text;
}

// What one transfer told us, beyond its CURLcode.
struct Transfer {
  const std::string* data = nullptr;
  std::size_t offset = 0;
  bool data_started = false;  // the server asked for the message (354): it is past RCPT
  std::string last_reply;     // the server's last reply line
  std::string failure_reply;  // its last 4xx or 5xx reply, e.g. "550 5.1.1 ... unknown"
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  transfer->data_started = true;
  const std::size_t n = std::min(size * count, transfer->data->size() - transfer->offset);
  std::memcpy(buffer, transfer->data->data() + transfer->offset, n);
  transfer->offset += n;
  return n;
}

// Keeps the server's replies (for the error messages). Only what the server sends is looked at:
// the commands going out include AUTH, which carries the password.
int watch_replies(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type == CURLINFO_HEADER_IN) {
    auto* transfer = static_cast<Transfer*>(user);
    std::string_view line(data, size);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    transfer->last_reply.assign(line);
    // After a failure libcurl says QUIT; the "221" that answers it is not the news.
    if (!line.empty() && (line.front() == '4' || line.front() == '5')) {
      transfer->failure_reply.assign(line);
    }
  }
  return 0;
}

class CurlSmtpSession final : public SmtpSession {
 public:
  CurlSmtpSession(const CurlApi& lib, const SmtpSettings& settings, CURL* curl)
      : m_lib(lib), m_settings(settings), m_curl(curl) {}
  ~CurlSmtpSession() override { m_lib.easy_cleanup(m_curl); }
  CurlSmtpSession(const CurlSmtpSession&) = delete;
  CurlSmtpSession& operator=(const CurlSmtpSession&) = delete;

  Result<void> send(const std::string& recipient, const std::string& rendered) override;
  int connections_opened() const override { return m_connections; }

  // Sets the options that stay the same for every message of the session.
  Result<void> configure();

 private:
  enum class Outcome { sent, refused, connection_failed };
  Outcome attempt(const std::string& recipient, const std::string& rendered, Transfer& transfer,
                  Error& error);
  Error connection_error(CURLcode code, const Transfer& transfer) const;

  const CurlApi& m_lib;
  SmtpSettings m_settings;
  CURL* m_curl;
  char m_error_buffer[CURL_ERROR_SIZE] = {};
  int m_connections = 0;
};

Result<void> CurlSmtpSession::configure() {
  const long timeout = m_settings.timeout_seconds;
  const bool ok =
      m_lib.easy_setopt(m_curl, CURLOPT_URL, m_settings.url.c_str()) == CURLE_OK &&
      m_lib.easy_setopt(m_curl, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
      m_lib.easy_setopt(m_curl, CURLOPT_ERRORBUFFER, m_error_buffer) == CURLE_OK &&
      m_lib.easy_setopt(m_curl, CURLOPT_UPLOAD, 1L) == CURLE_OK &&
      m_lib.easy_setopt(m_curl, CURLOPT_READFUNCTION, read_message) == CURLE_OK &&
      // The debug callback is how the server's reply text reaches the error messages.
      m_lib.easy_setopt(m_curl, CURLOPT_DEBUGFUNCTION, watch_replies) == CURLE_OK &&
      m_lib.easy_setopt(m_curl, CURLOPT_VERBOSE, 1L) == CURLE_OK &&
      m_lib.easy_setopt(m_curl, CURLOPT_USE_SSL,
                       m_settings.starttls_required
                           ? static_cast<long>(CURLUSESSL_ALL)
                           : static_cast<long>(CURLUSESSL_NONE)) == CURLE_OK &&
      m_lib.easy_setopt(m_curl, CURLOPT_SSL_VERIFYPEER, m_settings.verify_certificate ? 1L : 0L) ==
          CURLE_OK &&
      m_lib.easy_setopt(m_curl, CURLOPT_SSL_VERIFYHOST, m_settings.verify_certificate ? 2L : 0L) ==
          CURLE_OK &&
      m_lib.easy_setopt(m_curl, CURLOPT_CONNECTTIMEOUT, timeout) == CURLE_OK &&
      m_lib.easy_setopt(m_curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, timeout) == CURLE_OK &&
      // A stalled upload: less than a byte a second for the whole timeout.
      m_lib.easy_setopt(m_curl, CURLOPT_LOW_SPEED_LIMIT, 1L) == CURLE_OK &&
      m_lib.easy_setopt(m_curl, CURLOPT_LOW_SPEED_TIME, timeout) == CURLE_OK &&
      (m_settings.ca_file.empty() ||
       m_lib.easy_setopt(m_curl, CURLOPT_CAINFO, m_settings.ca_file.c_str()) == CURLE_OK) &&
      (m_settings.user.empty() ||
       (m_lib.easy_setopt(m_curl, CURLOPT_USERNAME, m_settings.user.c_str()) == CURLE_OK &&
        m_lib.easy_setopt(m_curl, CURLOPT_PASSWORD, m_settings.password.c_str()) == CURLE_OK)) &&
      m_lib.easy_setopt(m_curl, CURLOPT_MAIL_FROM, ("<" + m_settings.envelope_from + ">").c_str()) ==
          CURLE_OK;
  if (!ok) {
    return fail(ErrorKind::unexpected,
                "libcurl refused the SMTP settings; check that libcurl was built with SMTP and "
                "TLS support (Debian: libcurl4-openssl-dev)");
  }
  return {};
}

Error CurlSmtpSession::connection_error(CURLcode code, const Transfer& transfer) const {
  const std::string& url = m_settings.url;
  const std::string detail = m_error_buffer[0] != '\0' ? m_error_buffer : m_lib.easy_strerror(code);
  std::string message;
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      message =
          fmt::format("cannot find the SMTP server of {} ({}); check mail.smtp.url", url, detail);
      break;
    case CURLE_COULDNT_CONNECT:
      message = fmt::format(
          "cannot connect to the SMTP server at {} ({}); check that it runs and that "
          "mail.smtp.url names the right host and port",
          url, detail);
      break;
    case CURLE_OPERATION_TIMEDOUT:
      message = fmt::format(
          "the SMTP server at {} did not answer within {} seconds; check the server, or raise "
          "mail.smtp.timeout_seconds",
          url, m_settings.timeout_seconds);
      break;
    case CURLE_USE_SSL_FAILED:
      message = fmt::format(
          "the SMTP server at {} does not offer STARTTLS ({}); use an smtps:// URL in "
          "mail.smtp.url, or set mail.smtp.starttls: off for a relay on the same machine",
          url, detail);
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      message = fmt::format(
          "cannot verify the certificate of the SMTP server at {} ({}); set mail.smtp.ca_file "
          "to the CA that signed it (mail.smtp.verify_certificate: false turns the check off)",
          url, detail);
      break;
    case CURLE_SSL_CONNECT_ERROR:
      message = fmt::format(
          "the TLS handshake with the SMTP server at {} failed ({}); check that mail.smtp.url "
          "uses smtps:// only for a port that speaks TLS at once, smtp:// otherwise",
          url, detail);
      break;
    case CURLE_LOGIN_DENIED:
      message = fmt::format(
          "the SMTP server at {} refused the login of '{}'{}; check mail.smtp.user and "
          "mail.smtp.password (or BPV_SMTP_PASSWORD)",
          url, m_settings.user,
          transfer.failure_reply.empty() ? "" : fmt::format(" ({})", transfer.failure_reply));
      break;
    default:
      message = fmt::format("sending mail through the SMTP server at {} failed: {}{}", url, detail,
                            transfer.failure_reply.empty()
                                ? ""
                                : fmt::format(" (the server said: {})", transfer.failure_reply));
      break;
  }
  return Error{ErrorKind::unexpected, redact(std::move(message), m_settings.password)};
}

CurlSmtpSession::Outcome CurlSmtpSession::attempt(const std::string& recipient,
                                                  const std::string& rendered, Transfer& transfer,
                                                  Error& error) {
  transfer = Transfer{};
  transfer.data = &rendered;
  m_error_buffer[0] = '\0';
  curl_slist* recipients = m_lib.slist_append(nullptr, ("<" + recipient + ">").c_str());
  m_lib.easy_setopt(m_curl, CURLOPT_MAIL_RCPT, recipients);
  m_lib.easy_setopt(m_curl, CURLOPT_READDATA, &transfer);
  m_lib.easy_setopt(m_curl, CURLOPT_DEBUGDATA, &transfer);
  m_lib.easy_setopt(m_curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(rendered.size()));
  const CURLcode code = m_lib.easy_perform(m_curl);
  m_lib.easy_setopt(m_curl, CURLOPT_MAIL_RCPT, nullptr);
  m_lib.slist_free_all(recipients);

  long new_connections = 0;
  m_lib.easy_getinfo(m_curl, CURLINFO_NUM_CONNECTS, &new_connections);
  m_connections += static_cast<int>(new_connections);
  if (code == CURLE_OK) {
    return Outcome::sent;
  }
  long reply = 0;
  m_lib.easy_getinfo(m_curl, CURLINFO_RESPONSE_CODE, &reply);
  // A 4xx or 5xx to MAIL, RCPT or DATA comes back as CURLE_SEND_ERROR, one after the message as
  // CURLE_WEIRD_SERVER_REPLY (which a bad greeting gives too, before any data). Refusals during
  // the handshake (STARTTLS, AUTH) have codes of their own and mean the connection is unusable.
  const bool refusal =
      reply >= 400 && reply <= 599 &&
      (code == CURLE_SEND_ERROR || (code == CURLE_WEIRD_SERVER_REPLY && transfer.data_started));
  if (refusal) {
    const std::string what =
        transfer.data_started ? "the message" : fmt::format("the message to {}", recipient);
    error = Error{ErrorKind::refused,
                  redact(fmt::format("the SMTP server refused {}: {}", what,
                                     transfer.failure_reply.empty() ? std::to_string(reply)
                                                                    : transfer.failure_reply),
                         m_settings.password)};
    return Outcome::refused;
  }
  error = connection_error(code, transfer);
  return Outcome::connection_failed;
}

Result<void> CurlSmtpSession::send(const std::string& recipient, const std::string& rendered) {
  if (!valid_address(recipient)) {
    return fail(
        ErrorKind::refused,
        fmt::format("'{}' is not a mail address; correct the user's e-mail address", recipient));
  }
  Transfer transfer;
  Error error;
  const int connections_before = m_connections;
  Outcome outcome = attempt(recipient, rendered, transfer, error);
  // A connection kept from the previous message may have been dropped by the server (after a
  // refusal, or when idle). When that connection failed before the message went out, nothing
  // can have been delivered: one fresh connection is safe and tried once.
  if (outcome == Outcome::connection_failed && m_connections == connections_before &&
      connections_before > 0 && !transfer.data_started) {
    m_lib.easy_setopt(m_curl, CURLOPT_FRESH_CONNECT, 1L);
    outcome = attempt(recipient, rendered, transfer, error);
    m_lib.easy_setopt(m_curl, CURLOPT_FRESH_CONNECT, 0L);
  }
  if (outcome == Outcome::sent) {
    return {};
  }
  return std::unexpected(std::move(error));
}

}  // namespace

Result<std::unique_ptr<SmtpSession>> SmtpSession::open(const SmtpSettings& settings) {
  const std::string& url = settings.url;
  const bool smtp = starts_with_nocase(url, "smtp://");
  const bool smtps = starts_with_nocase(url, "smtps://");
  if (!smtp && !smtps) {
    return fail(ErrorKind::usage,
                fmt::format("mail.smtp.url: '{}' is not an SMTP URL; write smtp://host:port or "
                            "smtps://host:port",
                            redact(url, settings.password)));
  }
  const std::string_view rest = std::string_view(url).substr(smtp ? 7 : 8);
  const std::string_view authority = rest.substr(0, rest.find('/'));
  if (authority.find('@') != std::string_view::npos) {
    return fail(ErrorKind::usage,
                "mail.smtp.url must not hold a user name or password; set mail.smtp.user and "
                "mail.smtp.password (or BPV_SMTP_PASSWORD) instead");
  }
  if (authority.empty() || authority.front() == ':') {
    return fail(ErrorKind::usage,
                fmt::format("mail.smtp.url: '{}' names no host; write smtp://host:port", url));
  }
  if (settings.timeout_seconds <= 0) {
    return fail(ErrorKind::usage,
                fmt::format("mail.smtp.timeout_seconds must be a positive number of seconds, "
                            "got {}",
                            settings.timeout_seconds));
  }
  if (!settings.password.empty() && settings.user.empty()) {
    return fail(ErrorKind::usage,
                "mail.smtp.password is set but mail.smtp.user is not; set both, or neither for "
                "a server without authentication");
  }
  if (!valid_address(settings.envelope_from)) {
    return fail(ErrorKind::usage, fmt::format("mail.from: '{}' is not a mail address; write it as "
                                              "name@school.example.nl",
                                              settings.envelope_from));
  }

  BPV_TRY_ASSIGN(const CurlApi* lib, curl_api());
  CURL* curl = lib->easy_init();
  if (curl == nullptr) {
    return fail(ErrorKind::unexpected, "cannot start libcurl (out of memory?)");
  }
  auto session = std::make_unique<CurlSmtpSession>(*lib, settings, curl);
  BPV_TRY(session->configure());
  return std::unique_ptr<SmtpSession>(std::move(session));
}

}  // namespace bpv::mail
