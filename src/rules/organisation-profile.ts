/**
 * Which frameworks bind the company is a fact about the company, not about a vendor: the
 * organisation's profile (legal-model.md §1), an admin setting. It decides which catalogue rows apply
 * (telecom rows for a carrier, JIS Q 15001 rows with the Privacy Mark, ISO/IEC 27001 rows with ISMS)
 * and whether the privacy policy's promises on vendor supervision bind as company policy.
 */

/**
 * The regional bureaus of the Ministry of Internal Affairs and Communications (総合通信局, and the
 * Okinawa office) to which a telecommunications carrier reports; the names are in the message
 * catalogue (`telecomBureau.<code>`).
 */
export const TELECOM_BUREAUS = [
  'hokkaido', 'tohoku', 'kanto', 'shinetsu', 'hokuriku', 'tokai', 'kinki', 'chugoku', 'shikoku', 'kyushu', 'okinawa',
] as const;
export type TelecomBureau = (typeof TELECOM_BUREAUS)[number];

export interface OrganisationProfile {
  /** 電気通信事業者: the telecom rows apply; leak reports go to the bureau, not the PPC. */
  telecomCarrier: boolean;
  /** 管轄の総合通信局: named in incident obligations. */
  telecomBureau: TelecomBureau;
  /** プライバシーマーク付与事業者: the JIS Q 15001 rows apply only then. */
  privacyMark: boolean;
  /** ISMS 認証取得: the ISO/IEC 27001 rows apply only then. */
  isms: boolean;
  /**
   * The privacy policy promises vendor supervision (selection check, contract terms on proper
   * handling, audit terms, supervision): rows the guideline only recommends bind as company policy.
   */
  policyPromises: boolean;
}

/** The shipped defaults: a carrier under the Kanto bureau, without certifications, whose privacy policy makes the promises. */
export const DEFAULT_ORGANISATION_PROFILE: Readonly<OrganisationProfile> = Object.freeze({
  telecomCarrier: true,
  telecomBureau: 'kanto',
  privacyMark: false,
  isms: false,
  policyPromises: true,
});
