// Sec-WebSocket-Extensions negotiation, seen from the wire: RFC 6455 §9.1 (header grammar) and
// RFC 7692 §7.1 (permessage-deflate parameters). The server's response is what is in effect; the
// request only tells whether the server accepted something that was offered (§7.1: a response
// must answer an offer, and client_max_window_bits may carry a value only if the client offered it).
// Semantics follow websockets/ws lib/permessage-deflate.js (normalizeParams, acceptAsClient).

import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { NegotiatedExtensions, PerMessageDeflate } from './types.ts';

export interface ExtensionOffer {
  name: string;
  /** Parameter name (lower case) → value, or true for a parameter without value, in header order. */
  params: Array<[string, string | true]>;
}

const TOKEN_STOP = new Set([',', ';', '=', '"']);

/** Parses `ext; a=1; b, ext2` into offers (names and parameter names lower-cased). Lenient. */
export function parseExtensionHeader(value: string): ExtensionOffer[] {
  const out: ExtensionOffer[] = [];
  let i = 0;
  const n = value.length;
  const skipSpace = () => {
    while (i < n && (value[i] === ' ' || value[i] === '\t')) i++;
  };
  const token = () => {
    skipSpace();
    const start = i;
    while (i < n && !TOKEN_STOP.has(value[i]!)) i++;
    return value.slice(start, i).trim();
  };
  while (i < n) {
    const name = token().toLowerCase();
    const offer: ExtensionOffer = { name, params: [] };
    while (i < n && value[i] === ';') {
      i++;
      const pname = token().toLowerCase();
      let pvalue: string | true = true;
      if (i < n && value[i] === '=') {
        i++;
        skipSpace();
        if (value[i] === '"') {
          const end = value.indexOf('"', i + 1);
          pvalue = value.slice(i + 1, end < 0 ? n : end);
          i = end < 0 ? n : end + 1;
          skipSpace();
          while (i < n && value[i] !== ';' && value[i] !== ',') i++;
        } else {
          pvalue = token();
        }
      }
      if (pname !== '') offer.params.push([pname, pvalue]);
    }
    if (name !== '') out.push(offer);
    // Skip anything up to the next comma (garbage after a malformed parameter).
    while (i < n && value[i] !== ',') i++;
    i++;
  }
  return out;
}

function windowBits(value: string | true): number | null {
  if (value === true || !/^\d{1,2}$/.test(value)) return null;
  const bits = Number(value);
  return bits >= 8 && bits <= 15 ? bits : null;
}

export function negotiateExtensions(
  requestHeader: string | null,
  responseHeader: string | null,
): NegotiatedExtensions {
  const diagnostics: Diagnostic[] = [];
  const result: NegotiatedExtensions = { permessageDeflate: null, others: [], diagnostics };
  if (responseHeader === null || responseHeader.trim() === '') return result;
  const offers = requestHeader === null ? null : parseExtensionHeader(requestHeader);
  const invalid = (message: string) =>
    diagnostics.push(diagnostic('ws.extension.invalid', 'error', null, message));

  for (const ext of parseExtensionHeader(responseHeader)) {
    const offered = offers === null ? null : offers.filter((o) => o.name === ext.name);
    if (offered !== null && offered.length === 0) {
      diagnostics.push(
        diagnostic(
          'ws.extension.not_offered',
          'error',
          null,
          `server accepted extension ${ext.name}, which the client did not offer (RFC 6455 §9.1)`,
        ),
      );
    }
    if (ext.name !== 'permessage-deflate') {
      if (!result.others.includes(ext.name)) result.others.push(ext.name);
      continue;
    }
    if (result.permessageDeflate !== null) {
      invalid('permessage-deflate accepted twice (RFC 7692 §7)');
      continue;
    }
    const pmd: PerMessageDeflate = {
      serverNoContextTakeover: false,
      clientNoContextTakeover: false,
      serverMaxWindowBits: 15,
      clientMaxWindowBits: 15,
    };
    const seen = new Set<string>();
    for (const [name, value] of ext.params) {
      if (seen.has(name)) {
        invalid(`permessage-deflate parameter ${name} given twice (RFC 7692 §7.1)`);
        continue;
      }
      seen.add(name);
      switch (name) {
        case 'server_no_context_takeover':
        case 'client_no_context_takeover':
          if (value !== true) invalid(`${name} takes no value (RFC 7692 §7.1.1)`);
          if (name === 'server_no_context_takeover') pmd.serverNoContextTakeover = true;
          else pmd.clientNoContextTakeover = true;
          break;
        case 'server_max_window_bits':
        case 'client_max_window_bits': {
          const bits = windowBits(value);
          if (bits === null) {
            invalid(`${name}=${value === true ? '' : value} in a response must be 8..15 (RFC 7692 §7.1.2)`);
            break;
          }
          if (name === 'client_max_window_bits' && offered !== null && offered.length > 0) {
            const asked = offered.some((o) => o.params.some(([p]) => p === 'client_max_window_bits'));
            if (!asked)
              invalid(
                'client_max_window_bits in the response, but the client did not offer it (RFC 7692 §7.1.2.2)',
              );
          }
          if (name === 'server_max_window_bits') pmd.serverMaxWindowBits = bits;
          else pmd.clientMaxWindowBits = bits;
          break;
        }
        default:
          invalid(`unknown permessage-deflate parameter ${name} (RFC 7692 §7.1)`);
      }
    }
    result.permessageDeflate = pmd;
  }
  return result;
}
