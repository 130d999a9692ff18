export type BpeEncodingName = 'o200k_base' | 'cl100k_base';

/** What a BPE counter needs to know about a model family's chat format. */
export interface BpeFamily {
  readonly encoding: BpeEncodingName;
  /** Tokens around each message: start, role, separator, end. */
  readonly perMessage: number;
  /** Tokens that open the reply (`<|im_start|>assistant<|im_sep|>`). */
  readonly priming: number;
}

// The chat formats as gpt-tokenizer encodes them (its `encodeChat`): GPT-4 and later wrap each
// message in <|im_start|>role<|im_sep|>…<|im_end|> (4 tokens); GPT-3.5 separates with newlines,
// one token more. The counter's tests hold these against the library's own chat count.
const O200K: BpeFamily = { encoding: 'o200k_base', perMessage: 4, priming: 3 };
const CL100K: BpeFamily = { encoding: 'cl100k_base', perMessage: 4, priming: 3 };
const CL100K_GPT35: BpeFamily = { encoding: 'cl100k_base', perMessage: 5, priming: 3 };

const FAMILIES: readonly (readonly [RegExp, BpeFamily])[] = [
  [/^(chat)?gpt-4o(-|$)/, O200K],
  [/^gpt-4\.[15](-|$)/, O200K],
  [/^gpt-5(\.\d+)?(-|$)/, O200K],
  [/^o[134](-|$)/, O200K],
  [/^gpt-4(-|$)/, CL100K],
  [/^gpt-3\.5(-|$)/, CL100K_GPT35],
];

/**
 * The BPE family of an OpenAI model name, or undefined for any other model (Claude, Llama,
 * Mistral, gpt-oss, …), whose tokenizers this package does not ship. A routing prefix such as
 * OpenRouter's `openai/` is ignored.
 */
export function bpeFamilyFor(model: string | undefined): BpeFamily | undefined {
  if (model === undefined) return undefined;
  const name = model
    .slice(model.lastIndexOf('/') + 1)
    .trim()
    .toLowerCase();
  return FAMILIES.find(([pattern]) => pattern.test(name))?.[1];
}
