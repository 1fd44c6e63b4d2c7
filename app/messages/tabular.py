"""What the tabular import (app/tabular/) says about a file, a header and a row."""

NOT_A_TABLE = {
    "zh": "文件须为 CSV（UTF-8 或 GBK 编码）或 XLSX 表格，当前类型：{content_type}。",
    "en": "The file must be a CSV (UTF-8 or GBK) or an XLSX workbook; this one is {content_type}.",
}
EMPTY_TABLE = {
    "zh": "文件为空：没有表头，也没有数据行。",
    "en": "The file is empty: no header, no rows.",
}
NO_ROWS = {"zh": "文件只有表头，没有数据行。", "en": "The file has a header but no rows."}
UNREADABLE = {
    "zh": "文件无法读取：{reason}",
    "en": "The file cannot be read: {reason}",
}
BAD_ENCODING = {
    "zh": "CSV 文件的编码无法识别，请另存为 UTF-8 或 GBK 编码。",
    "en": "The CSV file's encoding is not recognised; save it as UTF-8 or GBK.",
}
MISSING_COLUMNS = {
    "zh": "缺少必需的列：{columns}。第一行应为表头。",
    "en": "Required columns are missing: {columns}. The first row must be the header.",
}
TOO_MANY_ROWS = {
    "zh": "文件有 {rows} 行以上，超过上限 {limit} 行，请分批导入。",
    "en": "The file has more than {limit} rows ({rows} read); import it in parts.",
}
INVALID_ROWS = {
    "zh": "共 {rows} 行，其中 {invalid} 行有误，未导入任何数据。"
    "请修改后重新导入，或选择只导入有效的行。",
    "en": "{invalid} of {rows} rows are invalid, so nothing was imported. Correct them and import "
    "again, or ask for the valid rows only.",
}
REQUIRED = {"zh": "必填，不能为空。", "en": "Required; the cell is empty."}
TOO_LONG = {"zh": "超过 {limit} 个字符。", "en": "Longer than {limit} characters."}
DUPLICATE_ROW = {
    "zh": "与第 {first} 行重复（{column}相同）。",
    "en": "Duplicates row {first} (same {column}).",
}
