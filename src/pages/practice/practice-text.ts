import { collectBlock, type BlockRoot } from '../../browser/page-text/collect';

/**
 * The visible text of a training page, block by block (the same collection live detection
 * uses), so a trainee practises on exactly what Wildtrace reads.
 */
export function practiceBlocks(doc: Document): string[] {
  const blocks: string[] = [];
  const visit = (root: BlockRoot) => {
    const block = collectBlock(root);
    if (block.text.trim()) blocks.push(block.text.trim());
    block.nested.forEach(visit);
  };
  if (doc.body) visit(doc.body);
  return blocks;
}
