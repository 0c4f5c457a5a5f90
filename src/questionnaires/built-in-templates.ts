import { Choice, ItemStatus, LocalisedText, Question, QuestionnaireContent, QuestionnairePurpose, Section } from '../rules/questionnaires';

/**
 * The questionnaires the product ships (read-only; admins copy them to change them). Sources:
 * - 委託先評価チェックシート: PPC GL 3-4-4(1) asks the company to confirm in advance that the vendor
 *   takes, for the entrusted work, each kind of measure of 通則ガイドライン 10 (講ずべき安全管理措置の内容):
 *   10-1 基本方針, 10-2 取扱規律, 10-3 組織的 (1)–(5), 10-4 人的, 10-5 物理的 (1)–(4), 10-6 技術的
 *   (1)–(4), 10-7 外的環境の把握 — one question per sub-item — plus domain.md's items on third-party
 *   certification, re-entrustment (3-4-4(3)) and past incidents.
 * - 取扱状況の報告: the periodic report the contract's handling-reports clause asks for (3-4-4(2)(3):
 *   the company keeps track of how the vendor handles the data): data held, staff with access,
 *   incidents, subcontractors, deletion performed, changes of location.
 * - 特定個人情報（マイナンバー）追加確認: 番号法 Art. 10 and 11 and the 特定個人情報ガイドライン's
 *   委託先の監督 (selection: 設備, 技術水準, 従業者に対する監督・教育, 経営環境; the contract items such as
 *   no removal from the premises, no use outside the work, re-entrustment only with the entruster's 許諾,
 *   return or deletion at the end). Its answers are kept as evidence beside the selection check.
 * Help texts name the provision in natural words per language (legal-model.md §9), never a raw code.
 */
export interface BuiltInTemplate {
  key: string;
  name: LocalisedText;
  purpose: QuestionnairePurpose;
  content: QuestionnaireContent;
}

const t = (ja: string, en: string): LocalisedText => ({ ja, en });

function yesNo(key: string, text: LocalisedText, options: { required?: boolean; evidences?: string; help?: LocalisedText; no?: ItemStatus } = {}): Question {
  return {
    key, kind: 'yes-no', text, required: options.required ?? true,
    ...(options.help ? { help: options.help } : {}),
    ...(options.evidences ? { evidences: options.evidences } : {}),
    ...(options.no ? { answerMeans: { no: options.no } } : {}),
  };
}

function choose(key: string, text: LocalisedText, choices: Choice[], options: { required?: boolean; evidences?: string; help?: LocalisedText } = {}): Question {
  return { key, kind: 'choice', text, required: options.required ?? true, choices, ...(options.help ? { help: options.help } : {}), ...(options.evidences ? { evidences: options.evidences } : {}) };
}

function other(key: string, kind: 'text' | 'date' | 'number' | 'file', text: LocalisedText, options: { required?: boolean; evidences?: string; help?: LocalisedText } = {}): Question {
  return { key, kind, text, required: options.required ?? false, ...(options.help ? { help: options.help } : {}), ...(options.evidences ? { evidences: options.evidences } : {}) };
}

const section = (key: string, title: LocalisedText, questions: Question[]): Section => ({ key, title, questions });
const gl = (section: string, ja: string, en: string) => t(`通則ガイドライン${section}「${ja}」`, `PPC General Guidelines ${section} (${en})`);

const SELECTION_CHECK: BuiltInTemplate = {
  key: 'selection-check',
  name: t('委託先評価チェックシート', 'Vendor selection checklist'),
  purpose: 'selection',
  content: {
    sections: [
      section('policy', t('基本方針と取扱規律', 'Policy and handling rules'), [
        yesNo('basic-policy', t('個人情報の保護に関する基本方針を策定し、従業者に周知していますか。', 'Do you have a personal data protection policy that your staff know?'), {
          evidences: 'basic-policy', help: gl('10-1', '基本方針の策定', 'basic policy'),
        }),
        other('basic-policy-document', 'file', t('基本方針の写し（任意）', 'A copy of the policy (optional)'), { evidences: 'basic-policy' }),
        yesNo('handling-rules', t('個人データの取得・利用・保存・提供・削除・廃棄の各段階の取扱方法、責任者と担当者の役割を定めた規程がありますか。', 'Do written rules set how personal data is collected, used, stored, passed on, erased and disposed of, and who is responsible?'), {
          evidences: 'handling-rules', help: gl('10-2', '個人データの取扱いに係る規律の整備', 'rules for handling personal data'),
        }),
      ]),
      section('organisational', t('組織的安全管理措置', 'Organisational measures'), [
        yesNo('org-structure', t('個人データの取扱いの責任者を置き、責任と権限、報告の経路を定めていますか。', 'Is there a person responsible for personal data, with defined authority and reporting lines?'), {
          evidences: 'organisational', help: gl('10-3(1)', '組織体制の整備', 'organisational structure'),
        }),
        yesNo('org-operation', t('規程に従って取り扱い、その状況を確認できる記録（ログ、利用記録等）を残していますか。', 'Do you handle the data by those rules and keep records (logs, usage records) that show it?'), {
          evidences: 'organisational', help: gl('10-3(2)', '個人データの取扱いに係る規律に従った運用', 'operation by the rules'),
        }),
        yesNo('org-inventory', t('取り扱う個人データの項目、責任者、保管場所などを台帳等で把握していますか。', 'Do you keep an inventory of the personal data you handle (items, owner, storage location)?'), {
          evidences: 'organisational', help: gl('10-3(3)', '個人データの取扱状況を確認する手段の整備', 'means to check the handling'),
        }),
        yesNo('org-incident', t('漏えい等の事案が起きたとき、事実の調査、影響範囲の特定、委託元への速やかな報告を行う体制と手順がありますか。', 'If data leaks or is lost, do you have a team and procedure to investigate, scope the impact and tell us promptly?'), {
          evidences: 'organisational', help: gl('10-3(4)', '漏えい等事案に対応する体制の整備', 'incident response'),
        }),
        yesNo('org-review', t('取扱状況を定期的に点検又は監査し、必要に応じて安全管理措置を見直していますか。', 'Do you review or audit the handling periodically and improve the measures where needed?'), {
          evidences: 'organisational', help: gl('10-3(5)', '取扱状況の把握及び安全管理措置の見直し', 'review of the measures'),
        }),
        other('responsible-person', 'text', t('責任者の部署・役職・氏名', 'The responsible person (department, title, name)'), { required: true }),
      ]),
      section('human', t('人的安全管理措置', 'Human measures'), [
        yesNo('staff-training', t('個人データを取り扱う従業者に、適正な取扱いについて定期的に教育を行っていますか。', 'Do you train the staff who handle personal data regularly?'), {
          evidences: 'human', help: gl('10-4', '従業者の教育', 'staff training'),
        }),
        yesNo('staff-confidentiality', t('秘密保持を就業規則に定める、又は従業者から誓約書を取得していますか。', 'Are your staff bound to confidentiality (work rules or signed undertakings)?'), {
          evidences: 'human', help: gl('10-4', '従業者の教育', 'staff training'),
        }),
        other('last-training', 'date', t('直近の教育の実施日', 'Date of the latest training')),
      ]),
      section('physical', t('物理的安全管理措置', 'Physical measures'), [
        yesNo('physical-areas', t('個人データを取り扱う区域で入退室管理や持込み機器の制限、覗き見の防止を行っていますか。', 'Do you control entry to the areas where the data is handled, restrict devices brought in and prevent shoulder-surfing?'), {
          evidences: 'physical', help: gl('10-5(1)', '個人データを取り扱う区域の管理', 'control of areas'),
        }),
        yesNo('physical-theft', t('個人データを扱う機器・電子媒体・書類を施錠保管する等、盗難や紛失を防いでいますか。', 'Do you protect devices, media and papers with personal data against theft and loss (e.g. locked storage)?'), {
          evidences: 'physical', help: gl('10-5(2)', '機器及び電子媒体等の盗難等の防止', 'theft prevention'),
        }),
        yesNo('physical-carrying', t('電子媒体や書類を持ち運ぶときは、暗号化やパスワード保護、封緘等を行っていますか。', 'When media or papers are carried, are they encrypted, password-protected or sealed?'), {
          evidences: 'physical', help: gl('10-5(3)', '電子媒体等を持ち運ぶ場合の漏えい等の防止', 'carrying media'),
        }),
        yesNo('physical-disposal', t('個人データの削除や機器・媒体の廃棄は復元できない方法で行い、その記録を残していますか。', 'Do you erase data and dispose of devices and media so nothing can be recovered, and keep a record of it?'), {
          evidences: 'physical', help: gl('10-5(4)', '個人データの削除及び機器、電子媒体等の廃棄', 'erasure and disposal'),
        }),
      ]),
      section('technical', t('技術的安全管理措置', 'Technical measures'), [
        yesNo('technical-access', t('個人データにアクセスできる者と範囲を業務上必要な最小限に限定していますか。', 'Is access to the data limited to the people and scope the work needs?'), {
          evidences: 'technical', help: gl('10-6(1)', 'アクセス制御', 'access control'),
        }),
        yesNo('technical-authentication', t('アクセスする者を個別の ID で識別し、認証していますか（共有アカウントを使っていませんか）。', 'Is everyone who accesses the data identified by a personal account and authenticated (no shared accounts)?'), {
          evidences: 'technical', help: gl('10-6(2)', 'アクセス者の識別と認証', 'identification and authentication'),
        }),
        yesNo('technical-intrusion', t('外部からの不正アクセスや不正ソフトウェアから情報システムを守る仕組み（ファイアウォール、マルウェア対策、修正プログラムの適用等）がありますか。', 'Are your systems protected against outside attacks and malware (firewall, anti-malware, timely patches)?'), {
          evidences: 'technical', help: gl('10-6(3)', '外部からの不正アクセス等の防止', 'protection from outside access'),
        }),
        yesNo('technical-leakage', t('情報システムの使用に伴う漏えいを防ぐ措置（通信の暗号化、脆弱性への対応等）を講じていますか。', 'Do you prevent leaks through your systems (encrypted transfers, handling of vulnerabilities)?'), {
          evidences: 'technical', help: gl('10-6(4)', '情報システムの使用に伴う漏えい等の防止', 'leak prevention in systems'),
        }),
      ]),
      section('external-environment', t('外的環境の把握', 'Foreign handling'), [
        choose('foreign-handling', t('委託業務の個人データを日本国外で取り扱いますか（外国のサーバへの保存や外国からのアクセスを含みます）。', 'Will our personal data be handled outside Japan (including storage on servers abroad or access from abroad)?'), [
          { key: 'no', label: t('国外では取り扱わない', 'No, only in Japan'), itemStatus: 'not-applicable' },
          { key: 'yes-known', label: t('国外で取り扱い、その国の個人情報保護制度を把握している', 'Yes, and we know the privacy regime of each country'), itemStatus: 'confirmed' },
          { key: 'yes-unknown', label: t('国外で取り扱うが、その国の制度は把握していない', 'Yes, but we do not know the regime of each country'), itemStatus: 'not-confirmed' },
        ], { evidences: 'external-environment', help: gl('10-7', '外的環境の把握', 'knowing the foreign environment') }),
        other('foreign-countries', 'text', t('取り扱う国・地域（国外で取り扱う場合）', 'The countries (if handled abroad)')),
      ]),
      section('certifications', t('第三者認証', 'Certifications'), [
        yesNo('certified', t('委託業務に関わる第三者認証（プライバシーマーク、ISMS（ISO/IEC 27001）、SOC 2、ISMAP 等）を取得していますか。', 'Do you hold a certification covering this service (Privacy Mark, ISMS (ISO/IEC 27001), SOC 2, ISMAP …)?'), {
          evidences: 'certifications', no: 'not-applicable',
        }),
        other('certification-details', 'text', t('認証の名称、登録番号、有効期限', 'Name, registration number and expiry of each certification')),
        other('certificate-copy', 'file', t('認証の証明書の写し', 'A copy of the certificate'), { evidences: 'certifications' }),
      ]),
      section('reentrustment', t('再委託', 'Subcontracting'), [
        choose('reentrustment', t('委託業務の全部又は一部を再委託しますか。', 'Will you pass any of the work on to a subcontractor?'), [
          { key: 'no', label: t('再委託しない', 'No'), itemStatus: 'not-applicable' },
          { key: 'supervised', label: t('再委託し、再委託先を選定・監督し同等の安全管理措置を求める手順がある', 'Yes, and we select and supervise subcontractors and require the same measures'), itemStatus: 'confirmed' },
          { key: 'unsupervised', label: t('再委託するが、そのような手順はない', 'Yes, without such a procedure'), itemStatus: 'not-confirmed' },
        ], { evidences: 'reentrustment-handling', help: t('通則ガイドライン3-4-4「委託先の監督」（再委託）', 'PPC General Guidelines 3-4-4 (supervision; subcontracting)') }),
        other('subcontractors', 'text', t('再委託先の名称、所在国、委託する業務', 'Each subcontractor: name, country and the work it does')),
      ]),
      section('incidents', t('過去の事故', 'Past incidents'), [
        choose('incident-history', t('過去3年以内に個人データの漏えい等の事故がありましたか。', 'Has personal data leaked or been lost in the past three years?'), [
          { key: 'none', label: t('なかった', 'No'), itemStatus: 'confirmed' },
          { key: 'remedied', label: t('あった（原因を分析し再発防止策を講じた）', 'Yes, and we analysed the cause and took measures against a recurrence'), itemStatus: 'confirmed' },
          { key: 'open', label: t('あった（再発防止策は検討中）', 'Yes, and measures against a recurrence are still being worked out'), itemStatus: 'not-confirmed' },
        ], { evidences: 'incident-history' }),
        other('incident-details', 'text', t('事故の概要と再発防止策（あった場合）', 'What happened and what was done (if any)')),
      ]),
    ],
  },
};

const HANDLING_REPORT: BuiltInTemplate = {
  key: 'handling-report',
  name: t('取扱状況の報告', 'Handling report'),
  purpose: 'periodic',
  content: {
    sections: [
      section('period', t('報告の対象期間', 'Reporting period'), [
        other('period-from', 'date', t('対象期間の初日', 'First day of the period'), { required: true }),
        other('period-to', 'date', t('対象期間の末日', 'Last day of the period'), { required: true }),
      ]),
      section('data', t('取り扱っている個人データ', 'Personal data held'), [
        other('data-held', 'text', t('取り扱っている個人データの項目とおおよその件数', 'The kinds of personal data you hold for us and roughly how many records'), {
          required: true, help: t('通則ガイドライン3-4-4「委託先の監督」（取扱状況の把握）', 'PPC General Guidelines 3-4-4 (supervision: knowing how the data is handled)'),
        }),
        yesNo('data-changed', t('前回の報告から、取り扱う個人データの項目や量に大きな変更がありましたか。', 'Has what you hold changed much since the last report?')),
      ]),
      section('staff', t('取扱者', 'Staff with access'), [
        other('staff-count', 'number', t('個人データにアクセスできる従業者の人数', 'Number of staff who can access the data'), { required: true }),
        yesNo('staff-trained', t('アクセスできる従業者全員に、対象期間中に教育を行いましたか。', 'Did everyone with access receive training in the period?'), { evidences: 'human' }),
        yesNo('access-reviewed', t('アクセス権限を見直し、不要になった権限を削除しましたか。', 'Did you review access rights and remove those no longer needed?'), { evidences: 'technical' }),
      ]),
      section('incidents', t('事故', 'Incidents'), [
        choose('incidents', t('対象期間中に漏えい等の事故（そのおそれを含む）はありましたか。', 'Was there any leak or loss of personal data (or a suspected one) in the period?'), [
          { key: 'none', label: t('なかった', 'No'), itemStatus: 'confirmed' },
          { key: 'reported', label: t('あった（委託元に報告済み）', 'Yes, and we reported it to you'), itemStatus: 'confirmed' },
          { key: 'unreported', label: t('あった（委託元には未報告）', 'Yes, not reported to you yet'), itemStatus: 'not-confirmed' },
        ], { evidences: 'incident-history' }),
        other('incident-details', 'text', t('事故の概要と対応（あった場合）', 'What happened and what was done (if any)')),
      ]),
      section('subcontractors', t('再委託先', 'Subcontractors'), [
        choose('subcontractors', t('対象期間中の再委託の状況', 'Subcontracting in the period'), [
          { key: 'none', label: t('再委託していない', 'No subcontractors'), itemStatus: 'not-applicable' },
          { key: 'approved', label: t('承認を受けた再委託先のみ', 'Only the subcontractors you approved'), itemStatus: 'confirmed' },
          { key: 'new-unapproved', label: t('承認を受けていない再委託先がある', 'A subcontractor you have not approved'), itemStatus: 'not-confirmed' },
        ], { evidences: 'reentrustment-handling' }),
        other('subcontractor-list', 'text', t('再委託先の名称、所在国、業務', 'Each subcontractor: name, country and work')),
      ]),
      section('deletion', t('削除・廃棄', 'Deletion and disposal'), [
        choose('deletion', t('対象期間中に個人データの削除や媒体の廃棄を行いましたか。', 'Did you erase data or dispose of media in the period?'), [
          { key: 'none', label: t('行っていない', 'No'), itemStatus: 'not-applicable' },
          { key: 'recorded', label: t('行い、復元できない方法で行ったことを記録した', 'Yes, irrecoverably, with a record'), itemStatus: 'confirmed' },
          { key: 'unrecorded', label: t('行ったが、記録はない', 'Yes, without a record'), itemStatus: 'not-confirmed' },
        ], { evidences: 'physical', help: gl('10-5(4)', '個人データの削除及び機器、電子媒体等の廃棄', 'erasure and disposal') }),
        other('deletion-certificate', 'file', t('削除・廃棄の記録（証明書等）', 'The record of erasure or disposal (certificate)'), { evidences: 'physical' }),
      ]),
      section('location', t('取扱場所', 'Where the data is handled'), [
        choose('location-change', t('個人データを取り扱う場所（事業所、データセンター、国）に変更はありましたか。', 'Did the places where the data is handled (offices, data centres, countries) change?'), [
          { key: 'none', label: t('変更はない', 'No change'), itemStatus: 'not-applicable' },
          { key: 'domestic', label: t('国内で変更があった', 'A change within Japan'), itemStatus: 'not-applicable' },
          { key: 'abroad', label: t('国外での取扱いが加わった、又は国が変わった', 'Handling abroad started, or moved to another country'), itemStatus: 'not-confirmed' },
        ], { evidences: 'external-environment', help: gl('10-7', '外的環境の把握', 'knowing the foreign environment') }),
        other('location-details', 'text', t('変更の内容（変更があった場合）', 'What changed (if anything)')),
      ]),
    ],
  },
};

const MY_NUMBER_SUPPLEMENT: BuiltInTemplate = {
  key: 'my-number-supplement',
  name: t('特定個人情報（マイナンバー）追加確認', 'My Number supplement'),
  purpose: 'evidence',
  content: {
    sections: [
      section('equivalent', t('同等の安全管理措置', 'Equivalent measures'), [
        yesNo('mn-equivalent', t('番号法に基づき委託元が果たすべき安全管理措置と同等の措置を講じていますか。', 'Do you take the same security measures for My Number data that the My Number Act requires of us?'), {
          help: t('番号法第11条、特定個人情報ガイドライン「委託の取扱い」', 'My Number Act Art. 11; My Number guidelines (entrustment)'),
        }),
        yesNo('mn-areas', t('特定個人情報等を取り扱う区域（管理区域・取扱区域）を明確にし、入退室管理等を行っていますか。', 'Are the areas where My Number data is handled defined and entry to them controlled?'), { evidences: 'physical' }),
        yesNo('mn-access', t('特定個人情報ファイルへのアクセスを事務取扱担当者に限り、アクセスの記録を保存していますか。', 'Is access to My Number files limited to the designated staff, and logged?'), { evidences: 'technical' }),
        yesNo('mn-staff', t('事務取扱担当者を明確にし、監督と教育を行っていますか。', 'Are the staff handling My Number data designated, supervised and trained?'), { evidences: 'human' }),
      ]),
      section('contract-terms', t('委託契約で求める事項', 'What the contract requires'), [
        yesNo('mn-no-removal', t('事業所内からの特定個人情報の持出しを禁止していますか。', 'Is taking My Number data out of the premises prohibited?'), { evidences: 'physical' }),
        yesNo('mn-purpose', t('特定個人情報を委託された事務以外の目的に利用しないことを徹底していますか。', 'Is My Number data used only for the work we entrust?'), { evidences: 'handling-rules' }),
        choose('mn-reentrustment', t('特定個人情報の取扱いを再委託しますか。', 'Will you subcontract any handling of My Number data?'), [
          { key: 'no', label: t('再委託しない', 'No'), itemStatus: 'not-applicable' },
          { key: 'with-permission', label: t('委託元の許諾を得たうえで再委託する', 'Yes, only with your permission'), itemStatus: 'confirmed' },
          { key: 'without-permission', label: t('許諾を得ずに再委託することがある', 'Possibly without your permission'), itemStatus: 'not-confirmed' },
        ], { evidences: 'reentrustment-handling', help: t('番号法第10条（再委託には委託元の許諾が必要）', 'My Number Act Art. 10 (subcontracting needs our permission)') }),
        yesNo('mn-return', t('委託契約の終了後に特定個人情報を返却又は廃棄し、その記録を提出できますか。', 'At the end of the contract, will you return or delete My Number data and give us a record of it?'), { evidences: 'physical' }),
      ]),
      section('business', t('経営環境', 'Business continuity'), [
        other('mn-business', 'text', t('事業の継続性など経営環境について特記事項があれば記載してください。', 'Anything we should know about the continuity of your business')),
      ]),
    ],
  },
};

export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = [SELECTION_CHECK, HANDLING_REPORT, MY_NUMBER_SUPPLEMENT];
