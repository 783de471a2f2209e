/** The fictional 清水县: its towns, rivers and the names enterprises are made from. */

export const COUNTY = { code: '360799', name: '清水县', bureau: '清水县生态环境局', phone: '0797-6821369' };

/** The county's bounding box; towns tile it in a 4×3 grid (two cells left as hills). */
export const BOUNDS = { west: 114.82, east: 115.30, south: 25.70, north: 26.08 };

export const TOWNS: { code: string; name: string }[] = [
  { code: '001', name: '城关街道' }, { code: '002', name: '清源街道' }, { code: '003', name: '河西街道' },
  { code: '101', name: '龙潭镇' }, { code: '102', name: '白沙镇' }, { code: '103', name: '石门镇' },
  { code: '104', name: '桃溪镇' }, { code: '105', name: '黄坑镇' }, { code: '106', name: '杨村镇' },
  { code: '201', name: '上坪乡' },
];

export const VILLAGE_STEMS = ['东风', '红星', '新塘', '上洋', '下坊', '中坪', '大坝', '石岭', '枫树', '竹林', '高陂', '田心', '水口', '长岗', '杉坑', '坳背', '坪上', '松岗', '庙前', '河坑'];

export const WATERSHEDS = ['清水河流域', '龙溪流域'];
export const RIVERS: { name: string; watershed: number; kind: '河流' | '水库' }[] = [
  { name: '清水河', watershed: 0, kind: '河流' }, { name: '桃溪', watershed: 0, kind: '河流' },
  { name: '石门河', watershed: 0, kind: '河流' }, { name: '龙溪', watershed: 1, kind: '河流' },
  { name: '白沙水', watershed: 1, kind: '河流' },
];
export const SECTIONS = ['清水河出境断面', '龙溪口断面', '桃溪入清水河口断面'];

export const NAME_STEMS = ['恒达', '鑫源', '华兴', '绿源', '金泰', '宏图', '兴旺', '永昌', '瑞丰', '嘉禾', '天成', '富民', '汇通', '盛泰', '康宁', '顺达', '锦程', '新锐', '振华', '隆基', '远航', '晨光', '丰泽', '国润', '长青'];
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '钟', '曾', '谢', '邱', '廖'];
export const GIVEN = ['建国', '晓明', '丽华', '志强', '海燕', '伟', '芳', '军', '敏', '静', '秀英', '国庆', '小龙', '红梅', '永红', '春生', '桂兰', '德明', '文斌', '雪梅'];
export const ROADS = ['工业大道', '滨江路', '环城东路', '创业路', '兴业大道', '文明路', '解放路', '沿河路'];

/** The demo towns sit on a 4×3 grid of cells over the county (two corners are not the county). */
export function townCells(): { lon: number; lat: number }[] {
  const cells: { lon: number; lat: number }[] = [];
  const w = (BOUNDS.east - BOUNDS.west) / 4;
  const h = (BOUNDS.north - BOUNDS.south) / 3;
  for (let row = 0; row < 3; row++) for (let col = 0; col < 4; col++) cells.push({ lon: BOUNDS.west + w * (col + 0.5), lat: BOUNDS.south + h * (row + 0.5) });
  return cells;
}
