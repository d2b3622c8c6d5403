/** Whether a Secret holds a gateway credential Istio can serve, as istiod decides it: the certificate
 *  and key under `cert`/`key`, else `tls.crt`/`tls.key`, both non-empty (istio/istio
 *  pilot/pkg/credentials/kube/secrets.go ExtractCertInfo); the certificate's first PEM block holds X.509
 *  certificates valid now (pilot/pkg/xds/sds.go ValidateCertificate). Pure: the X.509 parsing and the
 *  time come from a CertificateReader. */
import type { Secret } from '../../model/secret';
import type { CertificateReader } from '../types';

const PAIRS: [string, string][] = [['cert', 'key'], ['tls.crt', 'tls.key']];

/** A value of the Secret as text: `stringData` as written, `data` decoded from base64; undefined when
 *  absent, `false` when `data` is no base64. */
function valueOf(secret: Secret, key: string): string | undefined | false {
  if (Object.hasOwn(secret.stringData, key)) return secret.stringData[key];
  if (!Object.hasOwn(secret.data, key)) return undefined;
  try {
    return atob(secret.data[key].replace(/\s+/g, ''));
  } catch {
    return false;
  }
}

/** The bytes of the first PEM block of the text (Go's pem.Decode: headers are skipped), or undefined. */
export function firstPemBlock(text: string): Uint8Array | undefined {
  const begin = /^-----BEGIN ([^\n-]*)-----\r?$/m.exec(text);
  if (!begin) return undefined;
  const rest = text.slice(begin.index + begin[0].length);
  const end = rest.indexOf(`-----END ${begin[1]}-----`);
  if (end < 0) return undefined;
  let body = rest.slice(0, end);
  const headers = /^\s*\n?((?:[^\n:]+:[^\n]*\n)+)\s*\n/.exec(body);
  if (headers) body = body.slice(headers[0].length);
  try {
    const bin = atob(body.replace(/\s+/g, ''));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Why the Secret is no usable gateway credential, or undefined when it is. */
export function credentialProblem(secret: Secret, reader?: CertificateReader): string | undefined {
  let cert: string | undefined;
  for (const [c, k] of PAIRS) {
    const cv = valueOf(secret, c);
    const kv = valueOf(secret, k);
    if (cv === false || kv === false) return `the value of "${cv === false ? c : k}" is not base64`;
    if (cv && kv) {
      cert = cv;
      break;
    }
  }
  if (cert === undefined) {
    const found = [...new Set([...Object.keys(secret.data), ...Object.keys(secret.stringData)])].sort();
    const empty = PAIRS.find(([c, k]) => valueOf(secret, c) !== undefined && valueOf(secret, k) !== undefined);
    if (empty) return `keys "${empty[0]}" and "${empty[1]}" are empty`;
    return `it has neither "cert" and "key" nor "tls.crt" and "tls.key" (found: ${found.join(', ') || 'no keys'})`;
  }
  const der = firstPemBlock(cert);
  if (!der) return 'its certificate is not PEM';
  if (!reader) return undefined;
  const v = reader.validity(der);
  if ('error' in v) return `its certificate cannot be parsed: ${v.error}`;
  if (reader.now > v.notAfter) return `its certificate expired on ${new Date(v.notAfter).toISOString()}`;
  if (reader.now < v.notBefore) return `its certificate is not valid before ${new Date(v.notBefore).toISOString()}`;
  return undefined;
}
