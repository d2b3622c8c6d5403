/** X.509 certificates read with Node's crypto, for the analysis's Secret checks (IST0161): the core
 *  takes this reader from the edges, as it does no cryptography and reads no clock. */
import { X509Certificate } from 'node:crypto';
import type { CertificateReader } from './core/analysis/types';

/** `now` defaults to the current time; the language server rounds it so that its incremental analysis
 *  sees the same options between edits. */
export function nodeCertificates(now: number = Date.now()): CertificateReader {
  return {
    now,
    validity(der) {
      try {
        const cert = new X509Certificate(der);
        const notBefore = Date.parse(cert.validFrom);
        const notAfter = Date.parse(cert.validTo);
        if (Number.isNaN(notBefore) || Number.isNaN(notAfter)) return { error: `unreadable validity dates ${cert.validFrom} – ${cert.validTo}` };
        return { notBefore, notAfter };
      } catch (e) {
        return { error: (e as Error).message };
      }
    },
  };
}
