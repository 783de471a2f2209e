/** Evidence packages for the hosts (issue 18): checked from the file alone, without a workspace. */
export { verifyEvidencePackage, type EvidenceReport } from '../services/evidence/index';
