package bench

import (
	"hash/crc32"
	"io"
	"net/http"

	"github.com/go-playground/validator/v10"
	"github.com/labstack/echo/v5"
	"github.com/labstack/echo/v5/middleware"
)

// Echo returns the corpus written with echo: echo.New with
// middleware.Recover and a go-playground/validator Validator, as echo's
// documentation sets one up.
func Echo() http.Handler {
	e := echo.New()
	e.Validator = &echoValidator{v: validator.New(validator.WithRequiredStructEnabled())}
	e.Use(middleware.Recover())
	e.GET("/hello", echoHello)
	e.GET("/query", echoQuery)
	e.POST("/form", echoForm)
	e.POST("/upload", echoUpload)
	e.GET("/prefs", echoPrefs)
	e.POST("/signup", echoSignup)
	e.GET("/items/:id", echoItem)
	return e
}

// echoValidator is echo's Validator over go-playground/validator.
type echoValidator struct{ v *validator.Validate }

func (ev *echoValidator) Validate(i any) error { return ev.v.Struct(i) }

func echoHello(c *echo.Context) error { return c.HTML(http.StatusOK, HelloBody) }

func echoQuery(c *echo.Context) error {
	return c.String(http.StatusOK, lines(QueryKeys, c.QueryParam))
}

func echoForm(c *echo.Context) error {
	return c.String(http.StatusOK, lines(FormKeys, c.FormValue))
}

func echoUpload(c *echo.Context) error {
	fh, err := c.FormFile("file")
	if err != nil {
		return echo.ErrBadRequest
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	h := crc32.NewIEEE()
	n, err := io.Copy(h, f)
	if err != nil {
		return err
	}
	return c.String(http.StatusOK, uploadSummary(c.FormValue("title"), fh.Filename, n, h.Sum32()))
}

func echoPrefs(c *echo.Context) error {
	cookie := func(name string) string {
		ck, err := c.Cookie(name)
		if err != nil {
			return ""
		}
		return ck.Value
	}
	h := c.Request().Header
	media := bestMedia(h.Get("Accept"), MediaOffers)
	lang := lookupLanguage(h.Get("Accept-Language"), LanguageOffers, DefaultLanguage)
	return c.String(http.StatusOK, prefsSummary(cookie, media, lang))
}

func echoSignup(c *echo.Context) error {
	var s Signup
	if err := c.Bind(&s); err != nil {
		return err
	}
	if err := c.Validate(&s); err != nil {
		return c.String(http.StatusUnprocessableEntity, invalidSignup)
	}
	return c.String(http.StatusOK, s.Summary())
}

func echoItem(c *echo.Context) error {
	id := c.Param("id")
	name, ok := items[id]
	if !ok {
		return c.JSON(http.StatusNotFound, notFoundDoc(itemDetail(id)))
	}
	return c.String(http.StatusOK, itemText(id, name))
}
