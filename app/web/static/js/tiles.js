// Tile maps of the jurisdiction's units: positions on a grid, no boundary data (design.md:
// a published map of China needs official approval, 审图号). Shipped with the client.

// Hebei's 14 reporting units as [column, row], north at the top: roughly where each lies.
// 北京 and 天津 are not Hebei's; the gap at column 1–2, row 1–2 is where they would be.
export const CITY_TILES = {
  "130700": [0, 0], // 张家口
  "130800": [2, 0], // 承德
  "131000": [1, 1], // 廊坊
  "130200": [2, 1], // 唐山
  "130300": [3, 1], // 秦皇岛
  "130600": [0, 2], // 保定
  "133100": [1, 2], // 雄安新区
  "130900": [2, 2], // 沧州
  "130682": [0, 3], // 定州
  "130181": [1, 3], // 辛集
  "130100": [0, 4], // 石家庄
  "131100": [1, 4], // 衡水
  "130500": [0, 5], // 邢台
  "130400": [0, 6], // 邯郸
};

// A city's counties and districts: in code order, in rows of `columns` (no geography implied).
export function countyTiles(codes, columns = 4) {
  return Object.fromEntries(codes.map((code, i) => [code, [i % columns, Math.floor(i / columns)]]));
}
