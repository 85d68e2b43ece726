# Vietnamese formats. Django's own vi locale leaves NUMBER_GROUPING unset, so numbers never get
# their thousands separator; Vietnamese official texts write 31.434,47 (TT 22/2015/TT-NHNN Điều 7,
# NĐ 86/2012 Phụ lục V). Dates follow NĐ 30/2020 in lower case ("ngày 04 tháng 8 năm 2023"); the
# "tháng 01/02" rule needs the nd30_date filter, which a format string cannot express.
DATE_FORMAT = r"\n\gà\y d \t\há\n\g n \nă\m Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"H:i, d/m/Y"
YEAR_MONTH_FORMAT = r"\t\há\n\g n \nă\m Y"
MONTH_DAY_FORMAT = r"d/m"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
