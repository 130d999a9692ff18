#!/usr/bin/env sh
# Serve a local model with vLLM in Docker, OpenAI-compatible on port 8000, as the original project did.
# Then: npx roundtable run --base-url http://127.0.0.1:8000/v1 --model "$VLLM_MODEL"
#
#   VLLM_MODEL   model to serve (default mistralai/Mistral-7B-Instruct-v0.3)
#   VLLM_PORT    host port (default 8000)
#   VLLM_IMAGE   image (default vllm/vllm-openai:latest)
#   VLLM_ARGS    extra arguments for the vLLM server, e.g. "--max-model-len 8192"
#   HF_TOKEN     Hugging Face token for gated models; passed by name, never printed
#   --dry-run    print the docker command instead of running it
set -eu

MODEL="${VLLM_MODEL:-mistralai/Mistral-7B-Instruct-v0.3}"
PORT="${VLLM_PORT:-8000}"
IMAGE="${VLLM_IMAGE:-vllm/vllm-openai:latest}"
CACHE="${HF_HOME:-$HOME/.cache/huggingface}"

DRY_RUN=0
for arg in "$@"; do
  case "$arg" in
    --dry-run) DRY_RUN=1 ;;
    -h | --help)
      sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "modelup.sh: unknown argument '$arg' (valid: --dry-run, --help)" >&2
      exit 2
      ;;
  esac
done

if [ -z "${HF_TOKEN:-}" ]; then
  echo "modelup.sh: HF_TOKEN is not set; gated models (Mistral, Llama) will fail to download." >&2
fi

# --env HF_TOKEN (name only) hands the token to the container without it appearing in `ps` or logs.
set -- docker run --rm --gpus all --ipc=host \
  -p "127.0.0.1:${PORT}:8000" \
  -v "${CACHE}:/root/.cache/huggingface" \
  --env HF_TOKEN \
  "$IMAGE" --model "$MODEL" ${VLLM_ARGS:-}

if [ "$DRY_RUN" = 1 ]; then
  echo "$@"
  exit 0
fi

if ! command -v docker >/dev/null 2>&1; then
  echo "modelup.sh: docker is not installed; install Docker with the NVIDIA container toolkit, or serve the model another way." >&2
  exit 1
fi

echo "modelup.sh: serving $MODEL on http://127.0.0.1:${PORT}/v1" >&2
exec "$@"
