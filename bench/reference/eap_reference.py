#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Edge attribution patching of a Qwen2/Llama decoder in plain PyTorch: the reference the workbench's
LibTorch EAP (backend/circuits/eap.cpp) is checked and timed against (docs/performance.md, "EAP against a
plain PyTorch implementation").

Needs only Debian's python3-torch (PyTorch 1.13) and NumPy; run it with /usr/bin/python3. No hooks library:
the decoder is written out (RMSNorm, rotary, grouped-query attention, SwiGLU MLP, tied or untied head) and
the safetensors file is read with its JSON header.

The graph and the score are those of docs/circuits.md: writers `input`, `a{l}.h{h}`, `m{l}`; readers
`a{l}.h{h}<q>`, `a{l}.g{g}<k>`, `a{l}.g{g}<v>`, `m{l}`, `logits`;
    EAP(u -> v) = mean over examples of sum over positions of < d metric(clean) / d in_v , out_u(x~) - out_u(x) >
with padding positions zeroed and the metric read at the last position (left padding).

Two ways to get the reader gradients (--method):
  split  every reader reads its own copy of the residual stream (a zero offset requiring a gradient), as
         EAP libraries built on TransformerLens's split q/k/v inputs do: the definition, computed directly.
  taps   the workbench's algorithm: gradients at the q/k/v projections, the MLP norms' and the final norm's
         outputs of one ordinary forward, pulled back through each reader's projection rows and RMSNorm by
         hand (docs/circuits.md "Computing it").

Scores:   eap_reference.py scores --model resources/models/logic-tiny --pairs pairs.json --out scores.json
  pairs.json: {"pad_id": 0, "batches": [{"name": ..., "clean": [[ids]], "corrupted": [[ids]],
               "clean_answers": [..], "corrupted_answers": [..]}]}; each batch is left padded and scored
  as one EAP call. scores.json: the writer and reader names and, per batch, the dense [writers x readers]
  matrix (zero where u -> v is no edge).
Timing:   eap_reference.py time --threads 2 [--vocab 2000 --hidden 128 ...] (bench/bench_eap's shapes and
  defaults: a random Qwen2-layout model, untied head, q/k/v biases; batch 8 x 64 tokens, one token of the
  corrupted prompt differs). Prints the median seconds of one EAP and of one forward + backward (parameter
  gradients, logits at the last position), timed in turn after a warm-up round, in wall and process CPU time.
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # as the workbench does (util/runtime_env.h)
import numpy as np  # noqa: E402
import torch  # noqa: E402

MASKED_SCORE = -1e9


# ---------------------------------------------------------------------------------------------- the model

class Config:
    def __init__(self, d):
        self.vocab = d["vocab_size"]
        self.hidden = d["hidden_size"]
        self.intermediate = d["intermediate_size"]
        self.layers = d["num_hidden_layers"]
        self.heads = d["num_attention_heads"]
        self.kv_heads = d.get("num_key_value_heads") or self.heads
        self.head_dim = d.get("head_dim") or self.hidden // self.heads
        self.eps = d.get("rms_norm_eps", 1e-6)
        self.theta = d.get("rope_theta", 10000.0)
        self.tied = d.get("tie_word_embeddings", False)
        if d.get("rope_scaling"):
            raise SystemExit("rope_scaling is not implemented in the reference")


def read_safetensors(path):
    with open(path, "rb") as f:
        n = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(n))
        data = f.read()
    types = {"F32": np.float32, "F64": np.float64, "F16": np.float16}
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        raw = data[begin:end]
        if info["dtype"] == "BF16":
            a = np.frombuffer(raw, dtype=np.uint16).astype(np.uint32) << 16
            t = torch.from_numpy(a.view(np.float32).copy())
        else:
            t = torch.from_numpy(np.frombuffer(raw, dtype=types[info["dtype"]]).copy())
        out[name] = t.view(info["shape"]).float()
    return out


class Decoder:
    """Weights as plain tensors: W [out, in] like nn.Linear."""

    def __init__(self, config, tensors, dtype=torch.float32):
        c = self.c = config
        g = lambda name: tensors[name].to(dtype) if name in tensors else None  # noqa: E731
        self.embedding = g("model.embed_tokens.weight")
        self.final_norm = g("model.norm.weight")
        self.lm_head = self.embedding if c.tied or "lm_head.weight" not in tensors else g("lm_head.weight")
        self.layers = []
        for l in range(c.layers):
            p = f"model.layers.{l}."
            L = {k: g(p + name) for k, name in [
                ("in_norm", "input_layernorm.weight"), ("post_norm", "post_attention_layernorm.weight"),
                ("wq", "self_attn.q_proj.weight"), ("bq", "self_attn.q_proj.bias"),
                ("wk", "self_attn.k_proj.weight"), ("bk", "self_attn.k_proj.bias"),
                ("wv", "self_attn.v_proj.weight"), ("bv", "self_attn.v_proj.bias"),
                ("wo", "self_attn.o_proj.weight"), ("bo", "self_attn.o_proj.bias"),
                ("gate", "mlp.gate_proj.weight"), ("up", "mlp.up_proj.weight"), ("down", "mlp.down_proj.weight")]}
            self.layers.append(L)
        half = c.head_dim // 2
        self.inv_freq = torch.tensor([1.0 / c.theta ** (2 * i / c.head_dim) for i in range(half)], dtype=torch.float64)

    @staticmethod
    def load(folder, dtype=torch.float32):
        with open(os.path.join(folder, "config.json")) as f:
            config = Config(json.load(f))
        return Decoder(config, read_safetensors(os.path.join(folder, "model.safetensors")), dtype)

    @staticmethod
    def random(config, seed=1, std=0.05):
        """bench_eap's model: normal weights, unit norms, zero q/k/v biases, untied head."""
        gen = torch.Generator().manual_seed(seed)
        c, D, hd = config, config.hidden, config.head_dim
        m = lambda o, i: torch.randn(o, i, generator=gen) * std  # noqa: E731
        t = {"model.embed_tokens.weight": m(c.vocab, D), "model.norm.weight": torch.ones(D)}
        if not c.tied:
            t["lm_head.weight"] = m(c.vocab, D)
        for l in range(c.layers):
            p = f"model.layers.{l}."
            t.update({p + "input_layernorm.weight": torch.ones(D), p + "post_attention_layernorm.weight": torch.ones(D),
                      p + "self_attn.q_proj.weight": m(c.heads * hd, D), p + "self_attn.q_proj.bias": torch.zeros(c.heads * hd),
                      p + "self_attn.k_proj.weight": m(c.kv_heads * hd, D), p + "self_attn.k_proj.bias": torch.zeros(c.kv_heads * hd),
                      p + "self_attn.v_proj.weight": m(c.kv_heads * hd, D), p + "self_attn.v_proj.bias": torch.zeros(c.kv_heads * hd),
                      p + "self_attn.o_proj.weight": m(D, c.heads * hd),
                      p + "mlp.gate_proj.weight": m(c.intermediate, D), p + "mlp.up_proj.weight": m(c.intermediate, D),
                      p + "mlp.down_proj.weight": m(D, c.intermediate)})
        return Decoder(config, t)

    def parameters(self):
        ps = [self.embedding, self.final_norm] + [t for L in self.layers for t in L.values() if t is not None]
        if self.lm_head is not self.embedding:
            ps.append(self.lm_head)
        return ps

    # Pieces of the forward pass (the same operations, in the same precision, as backend/model/).
    def rms_norm(self, x, weight):
        x32 = x.float() if x.dtype != torch.float64 else x
        return weight * (x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + self.c.eps)).to(x.dtype)

    def rotary(self, mask):
        positions = (mask.long().cumsum(-1) - 1).clamp_min(0)
        angles = positions.double().unsqueeze(-1) * self.inv_freq
        emb = torch.cat([angles, angles], -1)
        dtype = self.embedding.dtype
        return emb.cos().to(dtype).unsqueeze(2), emb.sin().to(dtype).unsqueeze(2)

    @staticmethod
    def apply_rotary(x, cos, sin):
        x1, x2 = x.chunk(2, -1)
        return x * cos + torch.cat([-x2, x1], -1) * sin

    @staticmethod
    def attention_bias(mask):
        B, T = mask.shape
        allowed = torch.ones(T, T, dtype=torch.bool).tril().view(1, 1, T, T) & mask.bool().view(B, 1, 1, T)
        return torch.zeros(1).masked_fill(~allowed, MASKED_SCORE)

    def attend(self, q, k, v, bias):
        group = self.c.heads // self.c.kv_heads
        qh, kh, vh = q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2)
        if group > 1:
            kh, vh = kh.repeat_interleave(group, 1), vh.repeat_interleave(group, 1)
        scores = (qh @ kh.transpose(-1, -2)).to(torch.promote_types(q.dtype, torch.float32)) / math.sqrt(self.c.head_dim)
        return (torch.softmax(scores + bias, -1).to(q.dtype) @ vh).transpose(1, 2)  # [B, T, H, hd]

    def mlp(self, L, n):
        return torch.nn.functional.linear(
            torch.nn.functional.silu(torch.nn.functional.linear(n, L["gate"])) * torch.nn.functional.linear(n, L["up"]),
            L["down"])

    def forward(self, ids, mask, last_only=True, embedding=None, taps=None, offsets=None):
        """Logits [B, T', V]. `embedding` replaces the token embedding (EAP-IG). `taps` (a dict) collects
        what EAP needs; `offsets` (dict of zero tensors requiring grad) gives every reader its own residual copy."""
        c = self.c
        B, T = ids.shape
        H, G, hd, D = c.heads, c.kv_heads, c.head_dim, c.hidden
        cos, sin = self.rotary(mask)
        bias = self.attention_bias(mask)
        resid = self.embedding[ids] if embedding is None else embedding
        if taps is not None:
            if torch.is_grad_enabled() and not resid.requires_grad:
                resid = resid.detach().requires_grad_(True)
            taps["embedding"] = resid
            for key in ("resid", "q", "k", "v", "z", "mlp_resid", "mlp_normed", "mlp"):
                taps[key] = []
        for l, L in enumerate(self.layers):
            if offsets is not None:  # one residual copy per reader: [B, T, n, D] -> per-head projection
                r = resid.unsqueeze(2)

                def project(off, w, b, n):
                    y = torch.einsum("btnd,ned->btne", self.rms_norm(r + off, L["in_norm"]), w.view(n, hd, D))
                    return y if b is None else y + b.view(n, hd)
                q = project(offsets["q"][l], L["wq"], L["bq"], H)
                k = project(offsets["k"][l], L["wk"], L["bk"], G)
                v = project(offsets["v"][l], L["wv"], L["bv"], G)
            else:
                n = self.rms_norm(resid, L["in_norm"])
                q = torch.nn.functional.linear(n, L["wq"], L["bq"]).view(B, T, H, hd)
                k = torch.nn.functional.linear(n, L["wk"], L["bk"]).view(B, T, G, hd)
                v = torch.nn.functional.linear(n, L["wv"], L["bv"]).view(B, T, G, hd)
            z = self.attend(self.apply_rotary(q, cos, sin), self.apply_rotary(k, cos, sin), v, bias)
            if taps is not None:
                for key, t in (("resid", resid), ("q", q), ("k", k), ("v", v), ("z", z)):
                    taps[key].append(t)
            resid = resid + torch.nn.functional.linear(z.reshape(B, T, H * hd), L["wo"], L["bo"])
            mlp_in = resid + offsets["m"][l] if offsets is not None else resid
            mlp_normed = self.rms_norm(mlp_in, L["post_norm"])
            m = self.mlp(L, mlp_normed)
            if taps is not None:
                taps["mlp_resid"].append(mlp_in)
                taps["mlp_normed"].append(mlp_normed)
                taps["mlp"].append(m)
            resid = resid + m
        final_in = resid + offsets["logits"] if offsets is not None else resid
        if last_only:
            final_in = final_in[:, -1:]
        final_normed = self.rms_norm(final_in, self.final_norm)
        if taps is not None:
            taps["final_resid"], taps["final_normed"] = final_in, final_normed
        return torch.nn.functional.linear(final_normed, self.lm_head)


# ---------------------------------------------------------------------------------------------- the graph

def graph_names(c):
    writers, readers = ["input"], []
    for l in range(c.layers):
        writers += [f"a{l}.h{h}" for h in range(c.heads)] + [f"m{l}"]
        readers += [f"a{l}.h{h}<q>" for h in range(c.heads)]
        readers += [f"a{l}.g{g}<k>" for g in range(c.kv_heads)] + [f"a{l}.g{g}<v>" for g in range(c.kv_heads)]
        readers += [f"m{l}"]
    return writers, readers + ["logits"]


def edge_mask(c):
    """[writers x readers] bool: the input feeds every reader, the heads and MLP of layer l feed the MLP of
    layer l (heads only), every later layer and the logits."""
    per = c.heads + 2 * c.kv_heads + 1
    writers, readers = graph_names(c)
    mask = torch.zeros(len(writers), len(readers), dtype=torch.bool)
    mask[0] = True
    for l in range(c.layers):
        for h in range(c.heads):
            mask[1 + l * (c.heads + 1) + h, l * per + per - 1:] = True
        mask[1 + l * (c.heads + 1) + c.heads, (l + 1) * per:] = True
    return mask


# ---------------------------------------------------------------------------------------------- the score

def metric_sum(logits_last, clean_answers, corrupted_answers, metric, corrupted_log_probs=None):
    last = logits_last.to(torch.promote_types(logits_last.dtype, torch.float32))
    if metric == "logit-diff":
        return (last.gather(1, clean_answers.view(-1, 1)) - last.gather(1, corrupted_answers.view(-1, 1))).sum()
    if metric == "prob-diff":
        p = torch.softmax(last, -1)
        return (p.gather(1, clean_answers.view(-1, 1)) - p.gather(1, corrupted_answers.view(-1, 1))).sum()
    target = corrupted_log_probs.to(last.dtype)
    return (target.exp() * (target - torch.log_softmax(last, -1))).sum()


def writer_differences(model, corrupted, clean, real):
    """[writers, B, T, D]: out_u(x~) - out_u(x), padding positions zeroed. Head h's output is W_O[:, h] z_h."""
    c = model.c
    B, T, D = clean["embedding"].shape
    rows = [corrupted["embedding"] - clean["embedding"]]
    for l, L in enumerate(model.layers):
        dz = corrupted["z"][l] - clean["z"][l]  # [B, T, H, hd]
        rows += list(torch.einsum("bthe,dhe->hbtd", dz, L["wo"].view(D, c.heads, c.head_dim)))
        rows.append(corrupted["mlp"][l] - clean["mlp"][l])
    return torch.stack(rows) * real.view(1, B, T, 1)


def reader_gradients_split(model, ids, mask, answers, metric, corrupted_log_probs, embedding=None, taps=None):
    """[readers, B, T, D] by autograd with one zero offset per reader (`taps`: filled by the forward)."""
    c = model.c
    B, T = ids.shape
    D, dtype = c.hidden, model.embedding.dtype
    z = lambda *shape: torch.zeros(*shape, dtype=dtype, requires_grad=True)  # noqa: E731
    off = {"q": [z(B, T, c.heads, D) for _ in range(c.layers)], "k": [z(B, T, c.kv_heads, D) for _ in range(c.layers)],
           "v": [z(B, T, c.kv_heads, D) for _ in range(c.layers)], "m": [z(B, T, D) for _ in range(c.layers)],
           "logits": z(B, T, D)}
    logits = model.forward(ids, mask, last_only=True, embedding=embedding, offsets=off, taps=taps)
    leaves = [t for l in range(c.layers) for t in (off["q"][l], off["k"][l], off["v"][l], off["m"][l])] + [off["logits"]]
    grads = torch.autograd.grad(metric_sum(logits[:, -1], *answers, metric, corrupted_log_probs), leaves, allow_unused=True)
    rows = []
    for leaf, g in zip(leaves, grads):
        g = torch.zeros_like(leaf) if g is None else g
        rows += list(g.permute(2, 0, 1, 3)) if g.dim() == 4 else [g]
    return torch.stack(rows)


def reader_gradients_taps(model, ids, mask, answers, metric, corrupted_log_probs, embedding=None, taps=None):
    """The same [readers, B, T, D] from one ordinary forward: gradients at the projections / norm outputs,
    pulled back through the reader's projection rows and RMSNorm (dx = s g w - x s^2 <w, n> / D)."""
    c = model.c
    B, T = ids.shape
    H, G, hd, D = c.heads, c.kv_heads, c.head_dim, c.hidden
    taps = {} if taps is None else taps
    logits = model.forward(ids, mask, last_only=True, embedding=embedding, taps=taps)
    wanted = [t for l in range(c.layers) for t in (taps["q"][l], taps["k"][l], taps["v"][l], taps["mlp_normed"][l])]
    wanted.append(taps["final_normed"])
    grads = torch.autograd.grad(metric_sum(logits[:, -1], *answers, metric, corrupted_log_probs), wanted, allow_unused=True)
    grads = [torch.zeros_like(w) if g is None else g for w, g in zip(wanted, grads)]
    ftype = torch.promote_types(model.embedding.dtype, torch.float32)

    def norm_input(x):
        x = x.to(ftype)
        return x, torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + c.eps)  # [.., D], [.., 1]

    def pull(w_scaled, x, s, w_dot_n):  # w_scaled = s * gamma * w
        return w_scaled - x * (w_dot_n.unsqueeze(-1) * s.pow(2)) / D

    rows = []
    with torch.no_grad():
        for l, L in enumerate(model.layers):
            x, s = norm_input(taps["resid"][l])  # [B, T, D], [B, T, 1]
            for out, grad, w, b, n in ((taps["q"][l], grads[4 * l], L["wq"], L["bq"], H),
                                       (taps["k"][l], grads[4 * l + 1], L["wk"], L["bk"], G),
                                       (taps["v"][l], grads[4 * l + 2], L["wv"], L["bv"], G)):
                dq = grad.to(ftype)                                    # [B, T, n, hd]
                projected = (out - b.view(n, hd) if b is not None else out).to(ftype)
                weight = (w * L["in_norm"]).to(ftype).view(n, hd, D)   # gamma-scaled rows
                scaled = torch.einsum("btne,ned->nbtd", dq * s.unsqueeze(-1), weight)
                rows += list(pull(scaled, x, s, (dq * projected).sum(-1).permute(2, 0, 1)))
            x, s = norm_input(taps["mlp_resid"][l])
            dn = grads[4 * l + 3].to(ftype)
            rows.append(pull(dn * L["post_norm"].to(ftype) * s, x, s, (dn * taps["mlp_normed"][l].to(ftype)).sum(-1)))
        x, s = norm_input(taps["final_resid"])
        dn = grads[-1].to(ftype)
        last = pull(dn * model.final_norm.to(ftype) * s, x, s, (dn * taps["final_normed"].to(ftype)).sum(-1))
        logits_row = torch.zeros(B, T, D, dtype=ftype)
        logits_row[:, -1:] = last
        rows.append(logits_row)
    return torch.stack(rows)


def eap_scores(model, clean, corrupted, mask, clean_answers, corrupted_answers, metric="logit-diff",
               ig_steps=0, method="split"):
    """Dense [writers x readers] scores, mean over the batch (zero where there is no edge)."""
    if not bool(mask[:, -1].all()):
        raise SystemExit("the reference reads the metric at the last column: left-pad the prompts")
    gradients = reader_gradients_split if method == "split" else reader_gradients_taps
    answers = (clean_answers, corrupted_answers)
    with torch.no_grad():
        corrupted_taps = {}
        corrupted_logits = model.forward(corrupted, mask, last_only=True, taps=corrupted_taps)
    log_probs = None
    if metric == "kl":
        last = corrupted_logits[:, -1]
        log_probs = torch.log_softmax(last.to(torch.promote_types(last.dtype, torch.float32)), -1)
    clean_taps = {}
    if ig_steps == 0:  # one clean pass gives the writers' outputs and the gradients
        grads = gradients(model, clean, mask, answers, metric, log_probs, taps=clean_taps)
    else:
        with torch.no_grad():
            model.forward(clean, mask, last_only=True, taps=clean_taps)
        e0, e1 = corrupted_taps["embedding"], clean_taps["embedding"]
        grads = sum(gradients(model, clean, mask, answers, metric, log_probs, embedding=e0 + k / ig_steps * (e1 - e0))
                    for k in range(1, ig_steps + 1)) / ig_steps
    with torch.no_grad():
        diffs = writer_differences(model, corrupted_taps, clean_taps, mask.to(model.embedding.dtype))
        B = clean.shape[0]
        scores = diffs.flatten(1).to(grads.dtype) @ grads.flatten(1).t() / B
        return scores * edge_mask(model.c)


def left_pad(seqs, pad_id):
    T = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), T), pad_id, dtype=torch.long)
    mask = torch.zeros(len(seqs), T, dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, T - len(s):] = torch.tensor(s, dtype=torch.long)
        mask[i, T - len(s):] = 1
    return ids, mask


# ---------------------------------------------------------------------------------------------- commands

def cmd_scores(a):
    torch.set_num_threads(a.threads)
    dtype = torch.float64 if a.dtype == "float64" else torch.float32
    model = Decoder.load(a.model, dtype)
    with open(a.pairs) as f:
        spec = json.load(f)
    pad = spec.get("pad_id", 0)
    writers, readers = graph_names(model.c)
    out = {"model": a.model, "method": a.method, "dtype": a.dtype, "metric": a.metric, "ig_steps": a.ig_steps,
           "writers": writers, "readers": readers, "batches": []}
    for b in spec["batches"]:
        clean, mask = left_pad(b["clean"], pad)
        corrupted, mask2 = left_pad(b["corrupted"], pad)
        if not torch.equal(mask, mask2):
            raise SystemExit(f"batch {b['name']}: clean and corrupted prompts differ in length")
        scores = eap_scores(model, clean, corrupted, mask, torch.tensor(b["clean_answers"]),
                            torch.tensor(b["corrupted_answers"]), a.metric, a.ig_steps, a.method)
        out["batches"].append({"name": b["name"], "examples": len(b["clean"]), "scores": scores.double().tolist()})
    with open(a.out, "w") as f:
        json.dump(out, f)
    print(f"{len(out['batches'])} batches, {int(edge_mask(model.c).sum())} edges each -> {a.out}")


def cmd_time(a):
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    c = Config({"vocab_size": a.vocab, "hidden_size": a.hidden, "intermediate_size": a.intermediate,
                "num_hidden_layers": a.layers, "num_attention_heads": a.heads, "num_key_value_heads": a.kv_heads,
                "rope_theta": 1e6, "tie_word_embeddings": False})
    model = Decoder.random(c)
    clean = torch.randint(c.vocab, (a.batch, a.length))
    corrupted = clean.clone()
    corrupted[:, a.length // 2] = torch.randint(c.vocab, (a.batch,))
    mask = torch.ones(a.batch, a.length, dtype=torch.long)
    answers = (torch.full((a.batch,), 3), torch.full((a.batch,), 4))
    params = model.parameters()

    def eap():
        eap_scores(model, clean, corrupted, mask, *answers, method=a.method)

    def forward_backward():
        for p in params:
            p.requires_grad_(True)
        model.forward(clean, mask, last_only=True)[:, :, 3].sum().backward()
        for p in params:
            p.grad = None
            p.requires_grad_(False)

    passes = [eap, forward_backward]
    seconds, cpu = [[] for _ in passes], [[] for _ in passes]
    for r in range(a.repeats + 1):  # the first round warms up
        for i, fn in enumerate(passes):
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            if r:
                seconds[i].append(time.perf_counter() - start)
                cpu[i].append(time.process_time() - start_cpu)
    eap_s, fb_s = (statistics.median(s) for s in seconds)
    eap_cpu, fb_cpu = (statistics.median(s) for s in cpu)
    params_m = sum(p.numel() for p in params) / 1e6
    print(json.dumps({"params_m": round(params_m, 2), "batch": a.batch, "length": a.length, "threads": torch.get_num_threads(),
                      "method": a.method, "eap_s": eap_s, "forward_backward_s": fb_s, "ratio": eap_s / fb_s,
                      "eap_cpu_s": eap_cpu, "forward_backward_cpu_s": fb_cpu,
                      "eap_all_s": seconds[0], "forward_backward_all_s": seconds[1]}))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("scores", help="EAP scores of a model folder on the batches of a pairs file")
    s.add_argument("--model", required=True)
    s.add_argument("--pairs", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    t = sub.add_parser("time", help="seconds per EAP and per forward + backward on a random model")
    for name, default in [("vocab", 2000), ("hidden", 128), ("intermediate", 384), ("layers", 4), ("heads", 4),
                          ("kv-heads", 2), ("batch", 8), ("length", 64), ("repeats", 5), ("seed", 0)]:
        t.add_argument("--" + name, type=int, default=default)
    for q in (s, t):
        q.add_argument("--threads", type=int, default=2)
        q.add_argument("--method", choices=["split", "taps"], default="split")
    s.add_argument("--metric", choices=["logit-diff", "prob-diff", "kl"], default="logit-diff")
    s.add_argument("--ig-steps", type=int, default=0)
    a = p.parse_args()
    (cmd_scores if a.command == "scores" else cmd_time)(a)


if __name__ == "__main__":
    sys.exit(main())
