import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Clock } from '../common/clock';
import { sha256Hex } from '../common/objects';
import { AppConfig } from '../config/app-config';
import { linkExpiresAt } from '../rules/questionnaires';
import { LINK_REQUEST_LIMIT, linkKey, LinkThrottleService } from './link-throttle.service';
import { LinkGoneError, LinkNotFoundError, LinkRateLimitedError } from './questionnaire-errors';
import { LinkPurpose, Questionnaire, QuestionnaireLink } from './questionnaire.entities';

/** A link about to be sent: its token goes into the e-mail, only its hash into the database. */
export interface MintedLink {
  id: string;
  token: string;
  tokenHash: string;
}

/** 32 random bytes, base64url: 43 characters, 256 bits (at least 128 are asked for). */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The questionnaire links: a random token per e-mail, stored only as its SHA-256, scoped to one
 * questionnaire, expiring at the due date plus the grace period (rules/questionnaires.ts), ended by
 * a newer link (a re-send, a clarification, a reminder) or by revoking the questionnaire.
 */
@Injectable()
export class QuestionnaireLinks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly throttle: LinkThrottleService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  mint(): MintedLink {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    return { id: randomUUID(), token, tokenHash: sha256Hex(token) };
  }

  url(questionnaireId: string, token: string): string {
    return `${this.config.appUrl}/q/${questionnaireId}/${token}`;
  }

  /** The link's address as it may be kept (the copy of an e-mail): the token left out. */
  redactedUrl(questionnaireId: string): string {
    return `${this.config.appUrl}/q/${questionnaireId}/…`;
  }

  /**
   * Stores a link that was sent (its hash), in the caller's transaction. A new invitation, re-send or
   * clarification ends the questionnaire's earlier links; a reminder's link is one more to the same
   * questionnaire (a vendor answering with the earlier one is not cut off mid-way).
   */
  async store(manager: EntityManager, questionnaire: Pick<Questionnaire, 'id' | 'dueOn'>, link: MintedLink, purpose: LinkPurpose): Promise<QuestionnaireLink> {
    const now = this.clock.now();
    if (purpose !== 'reminder') await this.end(manager, questionnaire.id, 'replaced');
    return manager.save(Object.assign(new QuestionnaireLink(), {
      id: link.id, questionnaireId: questionnaire.id, tokenHash: link.tokenHash, purpose, createdAt: now,
      expiresAt: linkExpiresAt(questionnaire.dueOn, this.config.orgTimezone), endedAt: null, endReason: null,
    }));
  }

  /** Ends the questionnaire's live link (revoked, or replaced by a newer one). */
  async end(manager: EntityManager, questionnaireId: string, reason: 'replaced' | 'revoked'): Promise<void> {
    await manager.update(QuestionnaireLink, { questionnaireId, endedAt: IsNull() }, { endedAt: this.clock.now(), endReason: reason });
  }

  /** The live link of a questionnaire, if any (for showing when it expires). */
  live(questionnaireId: string): Promise<QuestionnaireLink | null> {
    return this.dataSource.getRepository(QuestionnaireLink).findOne({ where: { questionnaireId, endedAt: IsNull() }, order: { createdAt: 'DESC' } });
  }

  /**
   * The link behind a request, from one address: a wrong token, or a token of another questionnaire,
   * is a 404 and counts against the address (20 in 15 minutes → 429). Only this questionnaire's link
   * is ever looked up by its id. Whether it still works is checkLive()'s (the caller first learns the
   * contact's language, so the 410 speaks it).
   */
  async find(questionnaireId: string, token: string, address: string): Promise<QuestionnaireLink> {
    const reserved = await this.throttle.reserve(address);
    if (!reserved.allowed) throw new LinkRateLimitedError(reserved.retryAfterSeconds, 'questionnaire-link-throttled');
    const link = TOKEN_SHAPE.test(token) ? await this.dataSource.getRepository(QuestionnaireLink).findOneBy({ tokenHash: sha256Hex(token) }) : null;
    if (!link || link.questionnaireId !== questionnaireId) throw new LinkNotFoundError();
    await this.throttle.giveBack(address);
    return link;
  }

  /**
   * A link that ended (revoked, replaced) or expired is a 410 saying why; a live one is counted, and
   * past LINK_REQUEST_LIMIT requests in the window it is a 429 (whoever holds it).
   */
  async checkLive(link: QuestionnaireLink): Promise<void> {
    if (link.endedAt) throw new LinkGoneError(link.endReason === 'replaced' ? 'questionnaire-link-replaced' : 'questionnaire-link-revoked');
    if (link.expiresAt.getTime() <= this.clock.now().getTime()) throw new LinkGoneError('questionnaire-link-expired');
    const counted = await this.throttle.reserve(linkKey(link.id), LINK_REQUEST_LIMIT);
    if (!counted.allowed) throw new LinkRateLimitedError(counted.retryAfterSeconds, 'questionnaire-link-busy');
  }

}
