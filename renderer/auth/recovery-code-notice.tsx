import { useState } from 'react';

/**
 * Shown once, when a workspace without a hub has just been encrypted (issue 18): its recovery code,
 * the only way back in if every administrator forgets their password. It is not kept anywhere readable.
 */
export function RecoveryCodeNotice({ code, onDone }: { code: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="sign-in">
      <div className="card sign-in-card" role="dialog" aria-label="恢复码">
        <h1>工作区已加密</h1>
        <p>本机的数据库、照片和签名从现在起加密保存：电脑丢失或数据文件夹被复制，没有密码读不出任何内容。</p>
        <p>请抄下<strong>恢复码</strong>，交管理员妥善保管（与电脑分开存放）。所有人都忘记密码时，只有它能打开本工作区；<strong>它只显示这一次</strong>。</p>
        <p className="recovery-code"><code data-testid="recovery-code">{code}</code></p>
        <label><input type="checkbox" checked={copied} onChange={(e) => setCopied(e.target.checked)} /> 我已抄下恢复码并妥善保管</label>
        <div className="form-actions"><button className="primary" type="button" disabled={!copied} onClick={onDone}>继续</button></div>
      </div>
    </div>
  );
}
