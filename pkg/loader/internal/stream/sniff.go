package stream

import "bytes"

// Kind names what a stream holds, as the Input record of a load says it:
// "tar", "tar.gz", "zip" ... for archives, "gz", "xz" ... for one
// compressed file, "none" for anything else.
type Kind = string

// Container formats, recognised by their first bytes and never by name:
// CI's must-gather.tar is gzip, and old *.json.gz files are plain.
const (
	None = "none"
	Tar  = "tar"
	Zip  = "zip"
	Gzip = "gz"
	XZ   = "xz"
	Zstd = "zst"
	Bzip = "bz2"
	LZ4  = "lz4"
	// SevenZip and Rar are archives that need the whole file (Extract).
	SevenZip = "7z"
	Rar      = "rar"
)

// SniffLen is how many leading bytes Sniff needs: the tar magic sits at 257.
const SniffLen = 512

type magic struct {
	format string
	at     int
	magic  string
}

// magics are the formats this package reads.
var magics = []magic{
	{Gzip, 0, "\x1f\x8b"},
	{XZ, 0, "\xfd7zXZ\x00"},
	{Zstd, 0, "\x28\xb5\x2f\xfd"},
	{Bzip, 0, "BZh"},
	{LZ4, 0, lz4Magic},
	{Zip, 0, "PK\x03\x04"},
	{Zip, 0, "PK\x05\x06"}, // an empty zip
	{SevenZip, 0, "7z\xbc\xaf\x27\x1c"},
	{Rar, 0, "Rar!\x1a\x07"},
	{Tar, 257, "ustar"},
}

// unsupported are formats a must-gather could arrive in that this package
// does not read: they are named in the problem, so that the user knows to
// extract them, rather than read as garbage YAML.
var unsupported = []magic{
	{"lzip", 0, "LZIP"},
	{"compress (.Z)", 0, "\x1f\x9d"},
	{"lzop", 0, "\x89LZO\x00\r\n\x1a\n"},
	{"lrzip", 0, "LRZI"},
	{"cpio", 0, "070701"},
	{"cpio", 0, "070702"},
	{"cpio", 0, "070707"},
	{"ar (.deb)", 0, "!<arch>\n"},
	{"cab", 0, "MSCF\x00\x00\x00\x00"},
	{"xar", 0, "xar!"},
	{"arj", 0, "\x60\xea"},
	{"snappy framed", 0, "\xff\x06\x00\x00sNaPpY"},
	{"lz4 legacy", 0, "\x02\x21\x4c\x18"},
	{"split zip", 0, "PK\x07\x08"},
}

// Sniff names the container format of a stream from its first bytes:
// one of this package's formats, or None.
func Sniff(head []byte) Kind {
	for _, m := range magics {
		if hasAt(head, m) && (m.format != Bzip || isBzip2(head)) {
			return m.format
		}
	}
	if len(head) >= SniffLen && allZero(head[:SniffLen]) {
		return Tar // a tar's end marker: an empty tar
	}
	return None
}

// Unsupported names the archive or compression format of a stream this
// package cannot read, from its first bytes, or returns "".
func Unsupported(head []byte) string {
	if Sniff(head) != None {
		return ""
	}
	for _, m := range unsupported {
		if hasAt(head, m) {
			return m.format
		}
	}
	return ""
}

func hasAt(head []byte, m magic) bool {
	return len(head) >= m.at+len(m.magic) && bytes.Equal(head[m.at:m.at+len(m.magic)], []byte(m.magic))
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// IsCompressed says whether kind is one compressed file (not an archive).
func IsCompressed(kind Kind) bool {
	_, ok := decompressors[kind]
	return ok
}

// isBzip2 checks more than "BZh", which a text file may start with: the
// block size digit, then the magic of a first block or of the end of an
// empty stream.
func isBzip2(head []byte) bool {
	if len(head) < 10 || head[3] < '1' || head[3] > '9' {
		return false
	}
	m := string(head[4:10])
	return m == "1AY&SY" || m == "\x17\x72\x45\x38\x50\x90"
}
