#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace redit::tok {

// Character-level Unicode helpers (through ICU) with the semantics of Rust's `char` methods, which the
// Hugging Face `tokenizers` library uses.

// The code points of valid UTF-8 text, and back.
std::u32string toCodePoints(std::string_view text);
void appendUtf8(char32_t c, std::string& out);
std::string toUtf8(std::u32string_view text);

bool isWhitespace(char32_t c);   // char::is_whitespace: the White_Space property
bool isPunctuation(char32_t c);  // is_ascii_punctuation or a P* general category (tokenizers' is_punc)
bool isMark(char32_t c);         // general category Mn, Mc or Me (is_combining_mark)
bool isNonspacingMark(char32_t c);  // general category Mn (BertNormalizer strips only these)
bool isControl(char32_t c);      // general category Cc, Cf, Cn, Co (BertNormalizer's is_control)
bool isChineseChar(char32_t c);  // the CJK blocks of BertNormalizer
// char::to_lowercase: the full, context-free lowercase mapping of one character (may be several).
void appendLowercase(char32_t c, std::u32string& out);
// The script of a character as the UnicodeScripts pre-tokenizer sees it: Hiragana, Katakana and U+30FC
// count as Han, ' ' as "any"; returns -1 for "any".
int fixedScript(char32_t c);

}  // namespace redit::tok
