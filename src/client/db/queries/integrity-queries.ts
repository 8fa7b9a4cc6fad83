/**
 * D5: the tablet's own copy of the building's chain, checked offline with `verifyChain`
 * (src/domain/chain.ts): every handover record and day review this tablet holds, its hash
 * recomputed and its predecessor looked up. The tablet may hold only the younger part of the chain
 * (enrolled later, or pruned to its window), so a predecessor older than every record it holds is
 * where its copy begins, not a problem; the server's check (GET /api/v1/integrity) covers the rest.
 */
import { GENESIS_HASH, verifyChain, type ChainProblem } from '../../../domain/chain';
import type { HandoverRecord } from '../../../domain/handover-entities';
import type { HandoverDb } from '../schema';

export interface LocalChainCheck {
  records: number;
  reviews: number;
  problems: ChainProblem[];
  /** Whether the oldest record held chains to one this tablet does not hold. */
  partial: boolean;
}

/** Verify the chain as this tablet holds it. */
export async function checkLocalChain(db: HandoverDb, siteId: string): Promise<LocalChainCheck> {
  const [records, reviews] = await Promise.all([
    db.handoverRecord.where('siteId').equals(siteId).toArray(),
    db.dayReview.where('siteId').equals(siteId).toArray(),
  ]);
  const plain = [...records, ...reviews]
    .map(({ _versions: _local, ...row }) => row)
    .sort((a, b) => a.signedAt - b.signedAt);
  // A day review hashes exactly as a record does (chain.ts `recordHashInput`: every field but hash,
  // updatedAt and deleted); verifyChain only reads id, hash and prevHash besides.
  const { problems } = await verifyChain(plain as unknown as HandoverRecord[]);
  const oldest = plain[0];
  const partial = oldest !== undefined && oldest.prevHash !== GENESIS_HASH;
  const real = problems.filter((p) => !(partial && p.problem === 'unknownPrev' && p.id === oldest?.id));
  return { records: records.length, reviews: reviews.length, problems: real, partial };
}
