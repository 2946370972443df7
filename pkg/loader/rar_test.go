package loader

import (
	"archive/tar"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
	"testing"
)

// No Go library or free program writes rar, so the matrix writes its own:
// a RAR 4 archive of stored (uncompressed) files, the simplest form the
// format has (RAR 4 technical note: marker block, archive header, one
// file header and its data per file, end of archive block). It is enough
// to run the rar path through github.com/mholt/archives on every sample.

// tarToRar repacks the regular files of a tar as a stored RAR 4 archive.
func tarToRar(t testing.TB, tarred []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("Rar!\x1a\x07\x00")
	rarBlock(&b, 0x73, 0, make([]byte, 6)) // the archive header: reserved fields
	eachTarEntry(t, tarred, func(hdr *tar.Header, body io.Reader) {
		if hdr.Typeflag != tar.TypeReg {
			return
		}
		data, err := io.ReadAll(body)
		if err != nil {
			t.Fatal(err)
		}
		var h []byte
		h = binary.LittleEndian.AppendUint32(h, uint32(len(data))) // packed size
		h = binary.LittleEndian.AppendUint32(h, uint32(len(data))) // unpacked size
		h = append(h, 3)                                           // host OS: Unix
		h = binary.LittleEndian.AppendUint32(h, crc32.ChecksumIEEE(data))
		h = binary.LittleEndian.AppendUint32(h, 0x5b210000) // DOS time: 2025-09-01
		h = append(h, 20, 0x30)                             // version 2.0, method: store
		h = binary.LittleEndian.AppendUint16(h, uint16(len(hdr.Name)))
		h = binary.LittleEndian.AppendUint32(h, 0o100644) // attributes: a regular file
		h = append(h, hdr.Name...)
		rarBlock(&b, 0x74, 0x8000, h)
		b.Write(data)
	})
	rarBlock(&b, 0x7b, 0x4000, nil) // end of archive
	return b.Bytes()
}

// rarBlock writes one block: CRC (the low 16 bits of the CRC-32 of what
// follows it in the header), type, flags, size, then the fields.
func rarBlock(b *bytes.Buffer, typ byte, flags uint16, fields []byte) {
	h := []byte{typ}
	h = binary.LittleEndian.AppendUint16(h, flags)
	h = binary.LittleEndian.AppendUint16(h, uint16(2+len(h)+2+len(fields)))
	h = append(h, fields...)
	b.Write(binary.LittleEndian.AppendUint16(nil, uint16(crc32.ChecksumIEEE(h))))
	b.Write(h)
}
