import { ContractStatus } from './contracts';

/** draft ⇄ in-review → signed → terminated (draft or in-review may also be signed or dropped directly). */
const NEXT: Record<ContractStatus, readonly ContractStatus[]> = {
  draft: ['in-review', 'signed', 'terminated'],
  'in-review': ['draft', 'signed', 'terminated'],
  signed: ['terminated'],
  terminated: [],
};

export function canMoveContract(from: ContractStatus, to: ContractStatus): boolean {
  return from === to || NEXT[from].includes(to);
}

export function allowedContractMoves(from: ContractStatus): readonly ContractStatus[] {
  return NEXT[from];
}
