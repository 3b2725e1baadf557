/**
 * A Hugging Face-style config.json (Llama, Mistral/Mixtral, Qwen-MoE, DeepSeek-V2/V3 field names)
 * read into a deployment-check model. Parameter counts are summed from the shapes (biases and
 * norm weights of the attention sub-layers aside, which are below 0.01% at these sizes):
 *   attention (MHA/GQA): q h·(n·d) + k, v 2·h·(n_kv·d) + o (n·d)·h
 *   attention (MLA): q_a h·r_q + q_b r_q·n·(d_nope + d_rope) (or h·n·(d_nope + d_rope) without r_q),
 *                    kv_a h·(r_kv + d_rope), kv_b r_kv·n·(d_nope + d_v), o n·d_v·h
 *   SwiGLU FFN of width f: 3·h·f;  router h·E;  embeddings v·h, twice when untied.
 */
import { EngineInputError } from '../common/errors';
import type { AttentionLayout } from './attention';
import { validateModel, type DeployModel } from './model';

type Json = Record<string, unknown>;

function num(c: Json, field: string, opts: { optional?: boolean; min?: number } = {}): number | undefined {
  const v = c[field];
  if (v === undefined || v === null) {
    if (opts.optional) return undefined;
    throw new EngineInputError(field, `config.json: ${field} is missing`);
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < (opts.min ?? 1)) {
    throw new EngineInputError(field, `config.json: ${field} must be a whole number ≥ ${opts.min ?? 1} (got ${JSON.stringify(v)})`);
  }
  return v;
}

const req = (c: Json, field: string, min = 1) => num(c, field, { min }) as number;
const opt = (c: Json, field: string, min = 1) => num(c, field, { optional: true, min });

/** Accepts the parsed object or the text (pasted or read from a file). */
export function parseHfConfig(input: string | unknown, name = 'config.json'): DeployModel {
  let c: unknown = input;
  if (typeof input === 'string') {
    try {
      c = JSON.parse(input);
    } catch (err) {
      throw new EngineInputError('config', `config.json is not valid JSON: ${(err as Error).message}`);
    }
  }
  if (typeof c !== 'object' || c === null || Array.isArray(c)) throw new EngineInputError('config', 'config.json must be a JSON object');
  const cfg = c as Json;
  const layers = req(cfg, 'num_hidden_layers');
  const hidden = req(cfg, 'hidden_size');
  const heads = req(cfg, 'num_attention_heads');
  const vocab = req(cfg, 'vocab_size');
  const kvHeads = opt(cfg, 'num_key_value_heads') ?? heads;
  if (heads % kvHeads !== 0) throw new EngineInputError('num_key_value_heads', `config.json: num_key_value_heads (${kvHeads}) must divide num_attention_heads (${heads})`);
  const tied = cfg['tie_word_embeddings'] === true;
  const embeddingParams = vocab * hidden * (tied ? 1 : 2);

  const kvLoraRank = opt(cfg, 'kv_lora_rank');
  let attention: AttentionLayout;
  let attentionParams: number;
  if (kvLoraRank !== undefined) {
    const rope = req(cfg, 'qk_rope_head_dim', 0);
    const nope = req(cfg, 'qk_nope_head_dim', 0);
    const vDim = req(cfg, 'v_head_dim');
    const qLora = opt(cfg, 'q_lora_rank');
    const q = qLora !== undefined ? hidden * qLora + qLora * heads * (nope + rope) : hidden * heads * (nope + rope);
    attentionParams = q + hidden * (kvLoraRank + rope) + kvLoraRank * heads * (nope + vDim) + heads * vDim * hidden;
    attention = { kind: 'mla', layers, latentDim: kvLoraRank, ropeDim: rope };
  } else {
    const headDim = opt(cfg, 'head_dim') ?? hidden / heads;
    if (!Number.isInteger(headDim)) throw new EngineInputError('head_dim', `config.json: hidden_size ${hidden} is not a multiple of num_attention_heads ${heads}; give head_dim`);
    attentionParams = 2 * hidden * heads * headDim + 2 * hidden * kvHeads * headDim;
    attention = kvHeads === heads && headDim * heads === hidden ? { kind: 'mha', layers, hidden } : { kind: 'gqa', layers, kvHeads, headDim };
  }

  const experts = opt(cfg, 'n_routed_experts') ?? opt(cfg, 'num_local_experts') ?? opt(cfg, 'num_experts') ?? 1;
  const activeExperts = experts > 1 ? (opt(cfg, 'num_experts_per_tok') ?? req(cfg, 'num_experts_per_tok')) : 1;
  if (activeExperts > experts) throw new EngineInputError('num_experts_per_tok', `config.json: num_experts_per_tok (${activeExperts}) exceeds the ${experts} experts`);
  const denseFfnHidden = req(cfg, 'intermediate_size');
  const expertFfnHidden = experts > 1 ? (opt(cfg, 'moe_intermediate_size') ?? denseFfnHidden) : denseFfnHidden;
  const sharedExperts = opt(cfg, 'n_shared_experts', 0) ?? 0;
  const firstDense = experts > 1 ? (opt(cfg, 'first_k_dense_replace', 0) ?? 0) : layers;
  const moeFreq = experts > 1 ? (opt(cfg, 'moe_layer_freq') ?? 1) : 1;
  if (firstDense > layers) throw new EngineInputError('first_k_dense_replace', `config.json: first_k_dense_replace (${firstDense}) exceeds num_hidden_layers (${layers})`);
  let moeLayers = 0;
  for (let i = firstDense; i < layers; i++) if ((i - firstDense) % moeFreq === 0) moeLayers++;
  const denseLayers = layers - moeLayers;
  const swiglu = (f: number) => 3 * hidden * f;
  const sharedExpertHidden = opt(cfg, 'shared_expert_intermediate_size') ?? expertFfnHidden * sharedExperts;
  const sharedCount = sharedExperts > 0 ? sharedExperts : sharedExpertHidden > 0 && cfg['shared_expert_intermediate_size'] !== undefined ? 1 : 0;
  const norms = layers * 2 * hidden + hidden;
  const denseParams =
    embeddingParams +
    layers * attentionParams +
    norms +
    denseLayers * swiglu(denseFfnHidden) +
    moeLayers * (hidden * experts + (sharedCount > 0 ? swiglu(sharedExpertHidden) : 0));
  const expertParams = experts > 1 ? moeLayers * experts * swiglu(expertFfnHidden) : 0;
  return validateModel({
    name,
    layers,
    hidden,
    heads,
    vocab,
    attention,
    embeddingParams,
    denseParams,
    expertParams,
    experts,
    activeExperts,
    sharedExperts: sharedCount,
    moeLayers,
    ffnKind: 'swiglu',
    denseFfnHidden,
    expertFfnHidden,
  });
}
