"""Unigram tokenizers and SentencePiece's Precompiled normalizer for the conformance corpus (unigram.json.qz):
T5, ALBERT and byte-fallback shapes trained with the `tokenizers` library, a Precompiled charsmap compiled by
the `sentencepiece` trainer from a small rule table of our own (fullwidth letters, a circled digit, a
ligature, a titlecase digraph, no-break and ideographic spaces, two combining sequences, an emoji, a zero-width
space removed), and mutations of each; the reference's verdict and ids on every corpus string.
Run through conformance_corpus.py --only unigram (needs `sentencepiece` and `protobuf` in the venv too)."""
import base64
import copy
import io
import json
import os
import tempfile

from tokenizers import Tokenizer, models, pre_tokenizers, trainers

# Source code points -> replacement, SentencePiece's normalization_rule_tsv format (hex, space-separated).
RULES = {
    "FF21": "41", "FF41": "61", "2460": "31", "FB01": "66 69", "1C5": "44 17E", "A0": "20", "3000": "20",
    "65 301": "E9", "41 30A": "C5", "1F600": "3A 29", "2028": "A", "200B": "", "49 307": "69",
}


def precompiled_charsmap():
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2 as pb
    with tempfile.TemporaryDirectory() as tmp:
        rules = os.path.join(tmp, "rules.tsv")
        with open(rules, "w") as f:
            for src, tgt in RULES.items():
                f.write(f"{src}\t{tgt}\n")
        model = io.BytesIO()
        # The charsmap depends only on the rules; the model trained beside it is thrown away.
        spm.SentencePieceTrainer.train(sentence_iterator=iter(["Hello world, this is a tiny training text.", "café naïve ① ﬁ Ａa"] * 20), model_writer=model, vocab_size=30,
                                       normalization_rule_tsv=rules, minloglevel=2)
    proto = pb.ModelProto()
    proto.ParseFromString(model.getvalue())
    return base64.b64encode(proto.normalizer_spec.precompiled_charsmap).decode("ascii")


def train_unigram(train_text, specials, unk, byte_tokens=(), vocab_size=180):
    tok = Tokenizer(models.Unigram())
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
    tok.train_from_iterator(train_text, trainers.UnigramTrainer(
        vocab_size=vocab_size, special_tokens=list(specials), unk_token=unk, show_progress=False))
    j = json.loads(tok.to_str())
    if byte_tokens:  # SentencePiece-style byte pieces, scored below everything else
        lowest = min(score for _, score in j["model"]["vocab"])
        known = {t for t, _ in j["model"]["vocab"]}
        j["model"]["vocab"] += [[t, lowest - 1.0] for t in byte_tokens if t not in known]
    return j


def families(train_text, byte_tokens):
    charsmap = precompiled_charsmap()
    metaspace = {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True}
    fam = {}

    # T5: Precompiled then runs of spaces collapsed; WhitespaceSplit + Metaspace; "$A </s>".
    j = train_unigram(train_text, ["<pad>", "</s>", "<unk>"], "<unk>")
    j["normalizer"] = {"type": "Sequence", "normalizers": [
        {"type": "Precompiled", "precompiled_charsmap": charsmap},
        {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "}]}
    j["pre_tokenizer"] = {"type": "Sequence", "pretokenizers": [{"type": "WhitespaceSplit"}, metaspace]}
    j["post_processor"] = {"type": "TemplateProcessing",
                           "single": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
                           "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}},
                                    {"Sequence": {"id": "B", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
                           "special_tokens": {"</s>": {"id": "</s>", "ids": [1], "tokens": ["</s>"]}}}
    j["decoder"] = dict(metaspace)
    fam["t5_unigram"] = j

    # ALBERT: quotes replaced, NFKD, accents stripped, lowercased, then Precompiled; [CLS] $A [SEP].
    j = train_unigram(train_text, ["<pad>", "<unk>", "[CLS]", "[SEP]", "[MASK]"], "<unk>")
    j["normalizer"] = {"type": "Sequence", "normalizers": [
        {"type": "Replace", "pattern": {"String": "``"}, "content": "\""},
        {"type": "Replace", "pattern": {"String": "''"}, "content": "\""},
        {"type": "NFKD"}, {"type": "StripAccents"}, {"type": "Lowercase"},
        {"type": "Precompiled", "precompiled_charsmap": charsmap}]}
    j["pre_tokenizer"] = {"type": "Sequence", "pretokenizers": [{"type": "WhitespaceSplit"}, metaspace]}
    j["post_processor"] = {"type": "TemplateProcessing",
                           "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                                      {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                           "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                                    {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                                    {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
                           "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                                              "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}}
    j["decoder"] = dict(metaspace)
    fam["albert_unigram"] = j

    # Byte fallback: unknown stretches as <0xAB> pieces; Metaspace alone; a SentencePiece-style decoder.
    j = train_unigram(train_text, ["<unk>", "<s>", "</s>"], "<unk>", byte_tokens=byte_tokens)
    j["model"]["byte_fallback"] = True
    j["decoder"] = {"type": "Sequence", "decoders": [
        {"type": "Replace", "pattern": {"String": "\u2581"}, "content": " "}, {"type": "ByteFallback"},
        {"type": "Fuse"}, {"type": "Strip", "content": " ", "start": 1, "stop": 0}]}
    fam["unigram_byte_fallback"] = j
    return fam, charsmap


def mutations(base, charsmap):
    out = []

    def mut(name, fn):
        j = copy.deepcopy(base)
        fn(j)
        out.append((name, j))

    blob = base64.b64decode(charsmap)
    precompiled = lambda value: {"type": "Precompiled", "precompiled_charsmap": value}  # noqa: E731
    mut("no unk_id", lambda j: j["model"].update(unk_id=None))
    mut("unk_id past the vocabulary", lambda j: j["model"].update(unk_id=len(j["model"]["vocab"])))
    mut("unk_id negative", lambda j: j["model"].update(unk_id=-1))
    mut("empty vocabulary with unk_id", lambda j: j["model"].update(vocab=[], unk_id=0))
    mut("score as a string", lambda j: j["model"]["vocab"].__setitem__(5, [j["model"]["vocab"][5][0], "x"]))
    mut("entry of three", lambda j: j["model"]["vocab"].__setitem__(5, j["model"]["vocab"][5] + [1]))
    mut("vocabulary as an object", lambda j: j["model"].update(vocab={t: i for i, (t, _) in enumerate(j["model"]["vocab"])}))
    mut("duplicated piece", lambda j: j["model"]["vocab"].append([j["model"]["vocab"][10][0], 0.0]))
    mut("a piece scored highest", lambda j: j["model"]["vocab"].__setitem__(12, [j["model"]["vocab"][12][0], 5.0]))
    mut("byte_fallback on", lambda j: j["model"].update(byte_fallback=True))
    mut("charsmap alone", lambda j: j.update(normalizer=precompiled(charsmap)))
    mut("charsmap not base64", lambda j: j.update(normalizer=precompiled("@@@@")))
    mut("charsmap of one byte", lambda j: j.update(normalizer=precompiled("AA==")))
    mut("charsmap trie size too large", lambda j: j.update(normalizer=precompiled(
        base64.b64encode((len(blob) * 4).to_bytes(4, "little") + blob[4:]).decode())))
    mut("charsmap without replacements", lambda j: j.update(normalizer=precompiled(
        base64.b64encode(blob[:4 + int.from_bytes(blob[:4], "little")]).decode())))
    mut("charsmap null", lambda j: j.update(normalizer=precompiled(None)))
    return out


def build_unigram_corpus(train_text, byte_tokens, strings, reference_tokenizer):
    fam, charsmap = families(train_text, byte_tokens)
    entries = []
    for name, j in fam.items():
        entries.append({"name": name, "tokenizer": j, **reference_tokenizer(j)})
        if name == "t5_unigram":
            for mname, mj in mutations(j, charsmap):
                entries.append({"name": f"{name}: {mname}", "tokenizer": mj, **reference_tokenizer(mj)})
    return entries
