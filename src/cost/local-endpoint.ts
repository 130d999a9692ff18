// Endpoints on this machine or the local network bill nobody per token: their price is 0.
// node:net is taken when a base URL is checked, not imported: an offline run (no base URL) then
// never loads it (docs/benchmarks.md, "Start-up").

const LOCAL_NAMES =
  /^(localhost|.*\.localhost|.*\.local|.*\.internal|.*\.lan|host\.docker\.internal)$/i;

function isPrivateV4(address: string): boolean {
  const [a = -1, b = -1] = address.split('.').map(Number);
  return (
    a === 127 || // loopback
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) || // link-local
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT, Tailscale
    a === 0
  );
}

function isPrivateV6(address: string): boolean {
  const lower = address.toLowerCase();
  if (lower === '::1' || lower === '::') return true;
  // IPv4-mapped addresses, which URL parsing writes in hex (::ffff:c0a8:1).
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  if (dotted !== undefined) return isPrivateV4(dotted);
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex?.[1] !== undefined && hex[2] !== undefined) {
    const high = Number.parseInt(hex[1], 16);
    const low = Number.parseInt(hex[2], 16);
    return isPrivateV4(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  // fc00::/7 (unique local) and fe80::/10 (link-local).
  return /^f[cd][0-9a-f]{2}:/.test(lower) || /^fe[89ab][0-9a-f]:/.test(lower);
}

/**
 * True for the in-process Markov model (no base URL) and for base URLs whose host is loopback,
 * a private or link-local address, or a local name (`localhost`, `*.local`, `*.internal`, `*.lan`).
 */
export function isLocalEndpoint(baseUrl: string | undefined): boolean {
  if (baseUrl === undefined) return true;
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return false;
  }
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  switch (process.getBuiltinModule('node:net').isIP(bare)) {
    case 4:
      return isPrivateV4(bare);
    case 6:
      return isPrivateV6(bare);
    default:
      return LOCAL_NAMES.test(bare);
  }
}
