#include "model/tokenizer_normalizer.h"

#include <algorithm>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "model/tokenizer_components.h"

namespace redit::tok {

namespace {

const UNormalizer2* icuForm(const std::string& type) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* form = type == "NFC"    ? unorm2_getNFCInstance(&status)
                               : type == "NFD"  ? unorm2_getNFDInstance(&status)
                               : type == "NFKC" ? unorm2_getNFKCInstance(&status)
                               : type == "NFKD" ? unorm2_getNFKDInstance(&status)
                                                : nullptr;
    if (U_FAILURE(status)) throw Error(std::string("ICU cannot load the ") + type + " normalizer: " + u_errorName(status));
    return form;
}

void check(UErrorCode status, const char* what) {
    if (U_FAILURE(status)) throw Error(std::string("Unicode normalization failed (") + what + "): " + u_errorName(status));
}

// Runs an ICU "preflight, then fill" function: fill(buffer, capacity, status) returns the needed length.
template <typename Unit, typename Fill>
std::basic_string<Unit> icuString(int32_t guess, Fill&& fill, const char* what) {
    std::basic_string<Unit> out(std::size_t(std::max(guess, 1)), Unit(0));
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = fill(out.data(), int32_t(out.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        out.resize(std::size_t(length));
        status = U_ZERO_ERROR;
        length = fill(out.data(), int32_t(out.size()), &status);
    }
    check(status, what);
    out.resize(std::size_t(length));
    return out;
}

}  // namespace

Normalizer Normalizer::parse(const nlohmann::json& json, const std::string& file, const std::string& where) {
    Normalizer normalizer;
    forEachComponent(json, file, where, "normalizers",
                     [&](const JsonFields&, const std::string& type, const std::string& at) {
                         const UNormalizer2* form = icuForm(type);
                         if (!form) {
                             throw FileError(file, at + ": normalizer type '" + type +
                                                       "' is not supported (supported: NFC, NFD, NFKC, NFKD, Sequence)");
                         }
                         normalizer.forms_.push_back(form);
                     });
    return normalizer;
}

std::string Normalizer::apply(std::string_view text) const {
    const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return (unsigned char)c < 0x80; });
    if (forms_.empty() || ascii) return std::string(text);  // ASCII is invariant under every normal form
    if (text.size() > INT32_MAX / 4) throw Error("text is too long to normalize");
    std::u16string utf16 = icuString<char16_t>(int32_t(text.size()), [&](UChar* buffer, int32_t capacity, UErrorCode* status) {
        int32_t length = 0;
        u_strFromUTF8(buffer, capacity, &length, text.data(), int32_t(text.size()), status);
        return length;
    }, "UTF-8 to UTF-16");
    for (const UNormalizer2* form : forms_) {
        utf16 = icuString<char16_t>(int32_t(utf16.size()) + 16, [&](UChar* buffer, int32_t capacity, UErrorCode* status) {
            return unorm2_normalize(form, utf16.data(), int32_t(utf16.size()), buffer, capacity, status);
        }, "normalize");
    }
    return icuString<char>(int32_t(utf16.size()) * 3, [&](char* buffer, int32_t capacity, UErrorCode* status) {
        int32_t length = 0;
        u_strToUTF8(buffer, capacity, &length, utf16.data(), int32_t(utf16.size()), status);
        return length;
    }, "UTF-16 to UTF-8");
}

}  // namespace redit::tok
