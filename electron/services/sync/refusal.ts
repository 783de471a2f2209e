/** What SQLite says when it refuses a row, as an inspector or clerk would read it. */
const REASONS: [RegExp, string][] = [
  [/immutable: finalized inspection/, '该检查记录在本机已定稿，定稿后的内容和证据不能再改'],
  [/immutable: signed inspection record/, '已签署的检查记录文书不能修改或删除'],
  [/immutable: (inspections|evidence) (are|is) never deleted/, '检查记录及其证据不能删除'],
  [/immutable: events are append only/, '处理记录只能追加，不能修改或删除'],
  [/immutable: checklist template version/, '检查表模板已发布的版本不能修改（修改应另存新版本）'],
  [/immutable: a drawn plan/, '已抽取的双随机计划不能再改抽取结果'],
  [/FOREIGN KEY constraint failed/, '它引用的记录在本机不存在'],
  [/UNIQUE constraint failed: (.+)/, '与本机已有记录的唯一编号重复（$1）'],
  [/NOT NULL constraint failed: (\S+)/, '缺少必填内容（$1）'],
  [/CHECK constraint failed/, '内容不符合本机的取值规则'],
  [/未知字段 (\S+)/, '含有本机程序不认识的字段 $1（本机程序版本较旧，请升级）'],
];

/** Why this laptop refused to write a remote change, in Chinese. */
export function refusalReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  for (const [pattern, reason] of REASONS) {
    const m = message.match(pattern);
    if (m) return `本机拒绝写入：${m[0].replace(pattern, reason)}`;
  }
  return `本机拒绝写入：${message}`;
}
