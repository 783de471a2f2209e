import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DomainError } from '../../shared/api/result';
import { takeExport } from '../core/files';
import { withWorkbench } from '../core/maintenance';
import { verifyEvidencePackage } from '../core/evidence';

/**
 * `qingshui evidence export RECORD --data DIR --out FILE.zip`: a finalized record's evidence package;
 * `qingshui evidence verify FILE.zip [--json]`: checks one on any machine, without a workspace (issue 18).
 */
export async function evidenceCommand(sub: string | undefined, arg: string | undefined, o: { dataDir?: string; out?: string; json: boolean; hubKey?: string }): Promise<void> {
  if (sub === 'export' && arg) return exportEvidence(arg, o);
  if (sub === 'verify' && arg) return verifyEvidence(arg, o.json, o.hubKey);
  throw new DomainError('invalid', '用法：qingshui evidence export 检查记录编号 --data DIR --out FILE.zip，或 qingshui evidence verify FILE.zip [--hub-key 中心公钥指纹] [--json]');
}

async function exportEvidence(id: string, o: { dataDir?: string; out?: string; json: boolean }): Promise<void> {
  if (!o.dataDir) throw new DomainError('invalid', '缺少参数 --data');
  if (!o.out) throw new DomainError('invalid', '缺少参数 --out');
  const out = resolve(o.out);
  if (!out.toLowerCase().endsWith('.zip')) throw new DomainError('invalid', `--out 应为 .zip 文件，收到“${o.out}”`);
  if (!existsSync(dirname(out))) throw new DomainError('not_found', `输出文件夹“${dirname(out)}”不存在`);
  if (existsSync(out)) throw new DomainError('conflict', `文件“${out}”已存在，请换一个文件名`);
  const r = await withWorkbench(o.dataDir, async (wb) => {
    const made = await wb.call('inspections.evidencePackage', { id });
    takeExport(wb, made.file.name, out);
    return made;
  });
  if (o.json) console.log(JSON.stringify({ out, files: r.files, signed: r.signed, countersigned: r.countersigned }));
  else console.log(`已导出证据包 ${out}：照片与签名文件 ${r.files} 个；${r.signed ? '有设备签名' : '无设备签名（签名启用前定稿）'}；${r.countersigned ? '有同步中心回执' : '尚无同步中心回执（同步后再导出即有）'}`);
}

function verifyEvidence(file: string, json: boolean, hubKey?: string): void {
  if (!existsSync(file)) throw new DomainError('not_found', `文件“${file}”不存在`);
  if (hubKey !== undefined && hubKey.replace(/[^0-9a-f]/gi, '').length !== 64) throw new DomainError('invalid', '--hub-key 应为同步中心公钥的 SHA-256 指纹（64 位十六进制，可带冒号）');
  const r = verifyEvidencePackage(file, hubKey);
  if (json) console.log(JSON.stringify(r));
  else {
    console.log(`检查记录 ${r.inspectionId ?? '?'}（${r.target ?? '?'}），定稿于 ${r.finalizedAt ?? '?'}，SHA-256 ${r.sha256 ?? '?'}`);
    if (r.signature) console.log(`  ${r.signature.holds ? '✓' : '✗'} 设备签名：账号“${r.signature.account}”，设备公钥指纹 ${r.signature.keyFingerprint}`);
    if (r.receipt) console.log(`  ${r.receipt.holds ? '✓' : '✗'} 同步中心回执：中心 ${r.receipt.hubId} 第 ${r.receipt.hubSeq} 号，收到于 ${r.receipt.receivedAt}；中心公钥指纹 ${r.receipt.hubKeyFingerprint}（请与本局公布的指纹核对）`);
    console.log(`  照片与签名文件 ${r.files} 个`);
    for (const p of r.problems) console.log(`  ✗ ${p}`);
    if (!r.ok) console.log('核验未通过');
    else if (r.anchored) console.log('核验通过：证据包完整，回执由给定指纹的同步中心签署——记录自送达本局同步中心后未被改动');
    else console.log(`证据包自身一致（哈希、签名、回执与每个字节相符）。${r.receipt ? `须核对中心公钥指纹 ${r.receipt.hubKeyFingerprint} 是否为本局公布的指纹（可用 --hub-key 指纹 自动核对）` : '无同步中心回执：仅凭包内的设备公钥，不能排除他人另造密钥重签'}，方可认定记录未被改动`);
  }
  if (!r.ok) throw new DomainError('invalid', `证据包核验未通过：${r.problems[0]}`);
}
