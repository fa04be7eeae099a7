package bind_test

import (
	"testing"

	"github.com/gowebob/gowebob/bind"
	"github.com/gowebob/gowebob/request"
	"github.com/gowebob/gowebob/webobtest"
)

type benchForm struct {
	Name    string   `schema:"name" validate:"required"`
	Email   string   `schema:"email" validate:"required,email"`
	Age     int      `schema:"age" validate:"gte=0,lte=150"`
	City    string   `schema:"city"`
	Country string   `schema:"country" validate:"len=2"`
	Zip     string   `schema:"zip" validate:"numeric"`
	Phone   string   `schema:"phone"`
	Score   float64  `schema:"score"`
	Active  bool     `schema:"active"`
	Tags    []string `schema:"tag" validate:"max=5"`
}

const benchBody = "name=Ada+Lovelace&email=ada%40example.com&age=36&city=London&country=GB&zip=12345" +
	"&phone=%2B44+20+7946+0000&score=9.5&active=on&tag=math"

// BenchmarkBind binds and validates a 10-field urlencoded form. Each
// iteration makes a new Request, as a server does per request, and parses
// its form.
func BenchmarkBind(b *testing.B) {
	b.Run("form10", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			req := webobtest.NewRequest("/", &request.BlankOptions{Method: "POST", Body: []byte(benchBody),
				ContentType: "application/x-www-form-urlencoded"})
			var f benchForm
			if err := bind.Bind(req, &f); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("form10-parsed", func(b *testing.B) {
		// The bind alone: the form is parsed once, before the loop.
		req := webobtest.NewRequest("/", &request.BlankOptions{Method: "POST", Body: []byte(benchBody),
			ContentType: "application/x-www-form-urlencoded"})
		if _, err := req.POST(); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			var f benchForm
			if err := bind.Bind(req, &f); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json10", func(b *testing.B) {
		body := []byte(`{"Name":"Ada Lovelace","Email":"ada@example.com","Age":36,"City":"London","Country":"GB",` +
			`"Zip":"12345","Phone":"+44 20 7946 0000","Score":9.5,"Active":true,"Tags":["math"]}`)
		b.ReportAllocs()
		for b.Loop() {
			req := webobtest.NewRequest("/", &request.BlankOptions{Method: "POST", Body: body, ContentType: "application/json"})
			var f benchForm
			if err := bind.Bind(req, &f); err != nil {
				b.Fatal(err)
			}
		}
	})
}
